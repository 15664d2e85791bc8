/**
 * The inference provider's HTTP serving layer (docs/compute.md, "Inference market: the provider's
 * HTTP API"): an OpenAI-compatible server whose every answer is admitted by a signed request,
 * signed by the provider over the request and response hashes, and journaled durably for
 * settlement. It is independent of the chain: the request digest, the response digest, the user
 * balances and the settlement are ports that the inference contract's bindings fill in.
 */
package io.levity.compute.serving;

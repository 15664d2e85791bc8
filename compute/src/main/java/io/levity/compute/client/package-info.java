/**
 * The user's side of the inference market (docs/compute.md, "The user's client"): {@link
 * io.levity.compute.client.ProviderClient} reads a provider's registered service, signs each
 * request with the next nonce and a bounded max fee, and verifies every answer's receipt against
 * the registry and the bytes actually received before handing it on; {@link
 * io.levity.compute.client.UserReceiptStore} keeps every receipt with its request body and answer,
 * durably, for audits and disputes.
 */
package io.levity.compute.client;

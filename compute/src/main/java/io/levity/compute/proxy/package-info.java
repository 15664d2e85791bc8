/**
 * The user's local OpenAI-compatible endpoint (docs/compute.md, "The proxy"): {@link
 * io.levity.compute.proxy.VerifyingProxy} routes each request by its model to the provider serving
 * it, signs it with the user's key through a {@link io.levity.compute.client.ProviderClient}, and
 * passes an answer on only once its receipt is verified.
 */
package io.levity.compute.proxy;

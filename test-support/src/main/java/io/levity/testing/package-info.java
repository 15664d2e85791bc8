/**
 * Helpers for tests only: {@link io.levity.testing.ManualScheduler} (virtual time, deterministic
 * order), the waiting and JSON-RPC call helpers the socket-level tests share, and the decoder
 * contract the fuzz targets check ({@link io.levity.testing.DecoderContract}).
 */
package io.levity.testing;

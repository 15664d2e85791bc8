/**
 * Helpers for tests only: {@link io.levity.testing.ManualScheduler} (virtual time, deterministic
 * order) and the waiting and JSON-RPC call helpers the socket-level tests share.
 */
package io.levity.testing;

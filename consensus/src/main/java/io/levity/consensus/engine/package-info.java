/**
 * The consensus engine: {@link io.levity.consensus.engine.Engine} takes {@link
 * io.levity.consensus.engine.Event}s and returns {@link io.levity.consensus.engine.Action}s (timers
 * included) and never reads a clock; its package-private parts (proposals, pacemaker, commit rule,
 * block tree and sync, collectors) each own one responsibility. Also the ports the host implements
 * ({@link io.levity.consensus.engine.LedgerView}, {@link
 * io.levity.consensus.engine.PendingBlockStore}) and a verifier of committed chains for syncing
 * nodes.
 */
package io.levity.consensus.engine;

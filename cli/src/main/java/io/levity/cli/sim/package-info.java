/**
 * {@code levity sim}: seeded, deterministic simulations of Levity's protocols. {@code sim
 * consensus} composes its options from groups (who takes part, the faults, the length of a run, the
 * seeds), each a mixin that yields an immutable value; together they make one {@link
 * io.levity.consensus.sim.SimConfig}.
 */
package io.levity.cli.sim;

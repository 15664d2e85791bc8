/**
 * BFT consensus for Levity: a two-chain HotStuff-family protocol (Jolteon / DiemBFT v4 style) as a
 * pure state machine ({@link io.levity.consensus.engine.Engine}), its persistence ports, and a
 * seeded deterministic simulator ({@link io.levity.consensus.sim.Simulation}). See {@code
 * docs/consensus.md}.
 */
package io.levity.consensus;

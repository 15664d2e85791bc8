/**
 * BFT consensus for Levity: a two-chain HotStuff-family protocol (Jolteon / DiemBFT v4 style) as a
 * pure state machine ({@link io.levity.consensus.engine.Engine}) and its persistence ports. The
 * seeded deterministic simulator that checks it lives in the separate {@code levity-consensus-sim}
 * module. See {@code docs/consensus.md}.
 */
package io.levity.consensus;

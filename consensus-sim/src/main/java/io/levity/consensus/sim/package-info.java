/**
 * A seeded, single-threaded, deterministic simulator of the consensus engine: n real engines on a
 * simulated network and clock, with crashes, partitions, drops and Byzantine validators, judged by
 * checkers for safety, liveness after GST and durability across restarts. Also the deliberately
 * broken safety rules ({@link io.levity.consensus.sim.SafetyFault}) that show the checkers catch a
 * broken engine. A development tool in its own module: the node does not ship it.
 */
package io.levity.consensus.sim;

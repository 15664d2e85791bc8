/**
 * The AI runtime on the network: {@code models} names a model by the storage root of its file and
 * loads it verified; {@code training} records training jobs and their checkpoints on chain and
 * re-runs a segment to check one.
 */
package io.levity.compute;

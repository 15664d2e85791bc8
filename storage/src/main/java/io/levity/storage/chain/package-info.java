/**
 * The storage network's view of the chain ({@link io.levity.storage.chain.StorageChain}): file
 * submissions, registered nodes, epochs with their randomness and proof-of-storage results, with
 * local adapters for tests and single machines (in memory, and one JSON file shared by processes).
 */
package io.levity.storage.chain;

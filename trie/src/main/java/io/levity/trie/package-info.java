/**
 * Ethereum's Merkle-Patricia trie over a {@link io.levity.trie.KeyValueStore} (in memory or
 * RocksDB): lookups, updates, ordered access, proofs and atomic commits of the nodes created since
 * the last commit.
 */
package io.levity.trie;

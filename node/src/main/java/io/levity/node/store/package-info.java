/**
 * The node's block store: blocks, receipts, canonical index, transaction index and head, written
 * atomically with the world state ({@link io.levity.node.store.BlockStore}, {@link
 * io.levity.node.store.RocksDbBlockStore}). See docs/blocks.md.
 */
package io.levity.node.store;

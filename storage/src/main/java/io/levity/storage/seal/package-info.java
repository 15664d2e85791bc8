/**
 * Sealing: the node-specific, slow-to-make encoding of a shard that sealed proofs of storage are
 * asked of (proofs of replication; docs/storage-proofs.md, "Sealed replicas").
 */
package io.levity.storage.seal;

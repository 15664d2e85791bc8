/**
 * The shard format of the storage network (docs/storage.md, "Shards"): how a file is cut into k
 * data and m parity shards, how each shard is hashed, and the commitment recorded on chain that
 * binds them. Files are processed one group of k segments at a time, so their size is bounded by
 * disk, not by memory.
 */
package io.levity.storage.shard;

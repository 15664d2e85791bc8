/**
 * Where shards live, computed by anyone from the file root and the registered node set (rendezvous
 * hashing): no central index. The rule is in {@link io.levity.storage.placement.Placement} and
 * docs/storage.md, "Placement".
 */
package io.levity.storage.placement;

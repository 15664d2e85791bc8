/**
 * The storage node: {@link io.levity.storage.node.StorageService} holds its rules with no transport
 * in them (it accepts shards it can check against the chain, keeps them crash-safely on disk,
 * serves them back re-checked, with single sectors and their proofs, and answers challenges), and
 * {@link io.levity.storage.node.StorageNode} serves it over HTTP/1.1 on Netty through a thin
 * adapter. Protocol, limits and on-disk layout: docs/storage.md.
 */
package io.levity.storage.node;

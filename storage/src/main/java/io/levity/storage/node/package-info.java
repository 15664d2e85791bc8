/**
 * The storage node: an HTTP/1.1 service on Netty that accepts shards it can check against the
 * chain, keeps them crash-safely on disk, and serves them back, with single sectors and their
 * proofs for challenges. Protocol, limits and on-disk layout: docs/storage.md.
 */
package io.levity.storage.node;

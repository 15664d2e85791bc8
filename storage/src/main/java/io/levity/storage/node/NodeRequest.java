package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;

/**
 * A request of the node protocol once routed ({@link NodeRoutes}): what is asked, with its
 * parameters parsed and range-checked, independent of how it arrived.
 */
sealed interface NodeRequest {
  /** {@code GET /v1/health}. */
  record Health() implements NodeRequest {}

  /** {@code GET /v1/shards[?file=root]}; {@code file} is null for every shard held. */
  record ListShards(Bytes32 file) implements NodeRequest {}

  /** {@code POST /v1/challenge}; the encoded challenge is the body. */
  record AnswerChallenge() implements NodeRequest {}

  /** {@code PUT /v1/shards/{root}/{index}}; the shard is the body. */
  record PutShard(Bytes32 fileRoot, int index) implements NodeRequest {}

  /** {@code GET /v1/shards/{root}/{index}}. */
  record GetShard(Bytes32 fileRoot, int index) implements NodeRequest {}

  /** {@code GET /v1/shards/{root}/{index}/sectors/{sector}}. */
  record GetSector(Bytes32 fileRoot, int index, long sector) implements NodeRequest {}
}

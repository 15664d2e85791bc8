package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.Submission;
import io.levity.storage.node.NodeHealth;
import io.levity.storage.node.SectorAnswer;
import io.levity.storage.shard.ShardVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * How a client reaches storage nodes, each named by its endpoint as registered on chain: the
 * requests of the node protocol (docs/storage.md, "Protocol") as calls. {@link HttpNodeClient}
 * speaks HTTP to real nodes; {@link InProcessNodeTransport} calls the services of nodes in this
 * process directly. Both give the same answers and the same refusals: a node that refuses or cannot
 * be reached throws {@link NodeRequestException} with the protocol's status and code (0 and
 * "unreachable" when it cannot be reached). Implementations are thread-safe.
 */
public interface StorageNodeTransport {
  /** The outcome of a put: stored now, or already held by the node ({@code stored} false). */
  record PutResult(boolean stored, String reason) {}

  /**
   * A shard to send: shard {@code index} of {@code fileRoot}, in {@code file}, with the file's k +
   * m shard roots (they travel ahead of it).
   */
  record OutgoingShard(Bytes32 fileRoot, int index, List<Bytes32> roots, Path file) {}

  /** A shard a node says it holds. */
  record HeldShard(Bytes32 fileRoot, int index, long size, Bytes32 shardRoot) {}

  /**
   * A verified shard: the k + m shard roots the node sent (they hash to the commitment) and the
   * roots of the shard's segments, as hashed while it was received.
   */
  record Fetched(List<Bytes32> shardRoots, List<Bytes32> segmentRoots) {}

  /** The node's health report. */
  NodeHealth health(String endpoint) throws NodeRequestException;

  /** Sends a shard; {@code sent} hears the shard bytes handed to the node. */
  PutResult put(String endpoint, OutgoingShard shard, LongConsumer sent) throws IOException;

  /**
   * Opens shard {@code index} of {@code fileRoot} as the node sends it: the roots prefix, then the
   * shard bytes, unverified. The caller closes the stream; {@link #fetch} verifies it.
   */
  InputStream openShard(String endpoint, Bytes32 fileRoot, int index) throws IOException;

  /** The shards the node holds: all, or those of {@code fileRoot} when it is not null. */
  List<HeldShard> list(String endpoint, Bytes32 fileRoot) throws NodeRequestException;

  /** One sector of a held shard with its proof (unverified). */
  SectorAnswer sector(String endpoint, Bytes32 fileRoot, int index, long sector)
      throws NodeRequestException;

  /**
   * Sends an encoded proof-of-storage challenge and returns the node's encoded answer (unverified),
   * or empty when the node says it does not hold the shard.
   */
  Optional<byte[]> challenge(String endpoint, byte[] encodedChallenge) throws NodeRequestException;

  /**
   * Downloads shard {@code index} of the file recorded as {@code s} into {@code out} (created or
   * replaced), verifying it as it streams: the roots against the recorded commitment, the bytes
   * against their root, so a shard returned is known to be good. Throws {@link
   * ShardVerificationException} when the node sent roots or bytes that do not verify.
   */
  default Fetched fetch(String endpoint, Submission s, int index, Path out) throws IOException {
    return fetch(endpoint, s, index, out, n -> {});
  }

  /** As {@link #fetch(String, Submission, int, Path)}, telling {@code received} of shard bytes. */
  default Fetched fetch(String endpoint, Submission s, int index, Path out, LongConsumer received)
      throws IOException {
    try (InputStream in = openShard(endpoint, s.fileRoot(), index)) {
      return ShardReceiver.receive(endpoint, s, index, in, out, received);
    }
  }
}

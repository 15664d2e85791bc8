package io.levity.storage.client;

import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.proof.AnswerTransport;
import io.levity.storage.proof.Challenge;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Proof-of-storage challenges over a {@link StorageNodeTransport} ({@code POST /v1/challenge} over
 * HTTP): the {@link AnswerTransport} an {@code EpochChallenger} uses to reach real nodes. A node
 * that does not hold the shard answers empty; an unreachable node or an error answer throws (both
 * count as "no answer").
 */
public final class NodeAnswerTransport implements AnswerTransport {
  private final StorageNodeTransport nodes;
  private final Executor executor;

  /** Asks over {@code nodes}, each ask on a virtual thread of its own. */
  public NodeAnswerTransport(StorageNodeTransport nodes) {
    this(nodes, null);
  }

  /**
   * Asks over {@code nodes} on {@code executor}: a direct executor for a transport that does not
   * wait on a network ({@link InProcessNodeTransport}), so a test drives asks and timeouts on one
   * thread.
   */
  public NodeAnswerTransport(StorageNodeTransport nodes, Executor executor) {
    this.nodes = nodes;
    this.executor = executor;
  }

  @Override
  public Optional<byte[]> ask(StorageNodeRecord node, Challenge challenge) {
    try {
      return nodes.challenge(node.endpoint(), challenge.encode());
    } catch (NodeRequestException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CompletableFuture<Optional<byte[]>> askAsync(StorageNodeRecord node, Challenge challenge) {
    return executor == null
        ? AnswerTransport.super.askAsync(node, challenge)
        : AnswerTransport.onExecutor(this, node, challenge, executor);
  }
}

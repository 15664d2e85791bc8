package io.levity.storage.client;

import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.proof.AnswerTransport;
import io.levity.storage.proof.Challenge;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Proof-of-storage challenges over the storage node's HTTP protocol ({@code POST /v1/challenge}):
 * the {@link AnswerTransport} an {@code EpochChallenger} uses to reach real nodes. A node that does
 * not hold the shard answers empty; an unreachable node or an error answer throws (both count as
 * "no answer").
 */
public final class HttpAnswerTransport implements AnswerTransport {
  private final HttpNodeClient client;

  public HttpAnswerTransport(HttpNodeClient client) {
    this.client = client;
  }

  @Override
  public Optional<byte[]> ask(StorageNodeRecord node, Challenge challenge) {
    try {
      return client.challenge(node.endpoint(), challenge.encode());
    } catch (NodeRequestException e) {
      throw new UncheckedIOException(e);
    }
  }
}

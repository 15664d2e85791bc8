package io.levity.storage.proof;

import io.levity.storage.chain.StorageNodeRecord;
import java.util.Optional;

/**
 * How a challenger reaches a storage node: sends a {@link Challenge} (its {@link Challenge#encode()
 * wire form}) and returns the node's encoded {@link Answer}. Implemented over the storage node's
 * HTTP API by the node client; tests use in-process lambdas.
 *
 * <p>Implementations may block but should bound their wait; {@link EpochChallenger} also cuts every
 * ask off at its own timeout. An empty result (the node says it does not hold the shard) and any
 * exception both count as {@link FailureReason#NO_ANSWER}. The bytes returned are untrusted: the
 * verifier checks them.
 */
@FunctionalInterface
public interface AnswerTransport {
  Optional<byte[]> ask(StorageNodeRecord node, Challenge challenge);
}

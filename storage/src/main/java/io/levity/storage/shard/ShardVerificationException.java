package io.levity.storage.shard;

/**
 * Data failed a hash check of the shard format: shard roots that do not hash to the recorded
 * commitment, a shard whose bytes do not hash to its root, or a reassembled file whose root is not
 * the file root. Never retry with the same bytes; fetch them from elsewhere.
 */
public final class ShardVerificationException extends RuntimeException {
  public ShardVerificationException(String message) {
    super(message);
  }
}

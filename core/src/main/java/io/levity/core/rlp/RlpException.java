package io.levity.core.rlp;

/** Malformed or non-canonical RLP; the message names the rule broken and the offset. */
public final class RlpException extends RuntimeException {
  public RlpException(String message) {
    super(message);
  }
}

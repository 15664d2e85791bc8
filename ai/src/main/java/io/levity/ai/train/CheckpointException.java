package io.levity.ai.train;

import java.io.IOException;

/** A training checkpoint that is malformed or belongs to another run; the message says why. */
public final class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}

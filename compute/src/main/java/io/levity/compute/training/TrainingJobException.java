package io.levity.compute.training;

/** A training job that cannot be created, committed, read or verified, with the reason. */
public final class TrainingJobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingJobException(String message) {
    super(message);
  }

  public TrainingJobException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.levity.compute.audit;

/** An audit step that could not be done: a bundle not served, a model not found, a bad body. */
public final class AuditException extends RuntimeException {
  public AuditException(String message) {
    super(message);
  }

  public AuditException(String message, Throwable cause) {
    super(message, cause);
  }
}

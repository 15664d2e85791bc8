package io.levity.inft.oracle;

/** A refused oracle request: its {@link OracleError} and a message saying what to do. */
public final class OracleException extends RuntimeException {
  private final OracleError error;

  public OracleException(OracleError error, String message) {
    super(message);
    this.error = error;
  }

  public OracleException(OracleError error, String message, Throwable cause) {
    super(message, cause);
    this.error = error;
  }

  public OracleError error() {
    return error;
  }
}

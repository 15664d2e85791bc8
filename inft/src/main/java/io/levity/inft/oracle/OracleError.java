package io.levity.inft.oracle;

/** Why the oracle refused a request, with the HTTP status the server answers it with. */
public enum OracleError {
  BAD_REQUEST(400),
  BAD_SIGNATURE(401),
  EXPIRED(400),
  DEADLINE_TOO_FAR(400),
  NONCE_REUSED(409),
  NO_SUCH_TOKEN(404),
  NOT_OWNER(403),
  NOT_AUTHORIZED(403),
  NOT_AN_EXECUTOR(403),
  DATA_CHANGED(409),
  RECEIVER_KEY_NOT_PUBLISHED(409),
  BAD_SEALED_KEY(400),
  DATA_NOT_STORED(404),
  DATA_DOES_NOT_DECRYPT(400),
  UNKNOWN_DATA_KEY(404),
  STORAGE_FAILED(502),
  CHAIN_FAILED(502),
  INTERNAL(500);

  private final int httpStatus;

  OracleError(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}

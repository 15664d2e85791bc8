package io.levity.storage.node;

/**
 * Why a storage node refuses a request: the machine-readable code of the JSON error body ({@link
 * NodeProtocol}) and the HTTP status it travels with. Every code has exactly one status, so the
 * service names the code and each transport renders it its own way.
 */
public enum NodeErrorCode {
  BAD_REQUEST(NodeProtocol.BAD_REQUEST, 400),
  UNKNOWN_FILE(NodeProtocol.UNKNOWN_FILE, 404),
  NOT_FOUND(NodeProtocol.NOT_FOUND, 404),
  METHOD_NOT_ALLOWED(NodeProtocol.METHOD_NOT_ALLOWED, 405),
  CORRUPT(NodeProtocol.CORRUPT, 410),
  LENGTH_REQUIRED(NodeProtocol.LENGTH_REQUIRED, 411),
  TOO_LARGE(NodeProtocol.TOO_LARGE, 413),
  SIZE_MISMATCH(NodeProtocol.SIZE_MISMATCH, 400),
  COMMITMENT_MISMATCH(NodeProtocol.COMMITMENT_MISMATCH, 422),
  ROOT_MISMATCH(NodeProtocol.ROOT_MISMATCH, 422),
  RATE_LIMITED(NodeProtocol.RATE_LIMITED, 429),
  INTERNAL(NodeProtocol.INTERNAL, 500),
  BUSY(NodeProtocol.BUSY, 503);

  private final String wire;
  private final int status;

  NodeErrorCode(String wire, int status) {
    this.wire = wire;
    this.status = status;
  }

  /** The code as it appears in the {@code "error"} field. */
  public String wire() {
    return wire;
  }

  /** The HTTP status of an answer with this code. */
  public int status() {
    return status;
  }

  /** Whether the client may simply try again a little later ({@code Retry-After: 1}). */
  public boolean retryLater() {
    return this == BUSY || this == RATE_LIMITED;
  }
}

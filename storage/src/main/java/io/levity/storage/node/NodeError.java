package io.levity.storage.node;

/**
 * A request the storage node refuses: a {@link NodeErrorCode} and a message saying what was wrong.
 * Thrown by {@link StorageService}; the HTTP adapter renders it as {@code {"error": code,
 * "message": text}} with the code's status, the in-process transport hands it to the client as the
 * same refusal.
 */
public final class NodeError extends Exception {
  private final NodeErrorCode code;
  private final boolean closesConnection;

  public NodeError(NodeErrorCode code, String message) {
    this(code, message, false);
  }

  private NodeError(NodeErrorCode code, String message, boolean closesConnection) {
    super(message, null, false, false);
    this.code = code;
    this.closesConnection = closesConnection;
  }

  static NodeError badRequest(String message) {
    return new NodeError(NodeErrorCode.BAD_REQUEST, message);
  }

  /**
   * A refusal of a request whose body is left unread, so that a connection carrying it cannot be
   * reused.
   */
  static NodeError beforeBody(NodeErrorCode code, String message) {
    return new NodeError(code, message, true);
  }

  public NodeErrorCode code() {
    return code;
  }

  /** Whether a connection must be closed after this answer (its request body was not read). */
  boolean closesConnection() {
    return closesConnection;
  }
}

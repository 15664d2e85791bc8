package io.levity.storage.client;

import java.io.IOException;

/**
 * A storage node request that failed: either the node was unreachable ({@link #status()} 0) or it
 * refused, with the protocol's status and machine-readable code (see {@code NodeProtocol}) and its
 * message. Every {@link StorageNodeTransport} reports failures this way.
 */
public final class NodeRequestException extends IOException {
  private final String endpoint;
  private final int status;
  private final String code;

  public NodeRequestException(
      String endpoint, int status, String code, String message, Throwable cause) {
    super(
        endpoint + ": " + (status == 0 ? "" : "HTTP " + status + " " + code + ": ") + message,
        cause);
    this.endpoint = endpoint;
    this.status = status;
    this.code = code;
  }

  /** The node could not be reached (or the call was interrupted). */
  static NodeRequestException unreachable(String endpoint, String message, Throwable cause) {
    return new NodeRequestException(endpoint, 0, "unreachable", message, cause);
  }

  /** The node that failed, as {@code host:port}. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, or 0 when the node could not be reached. */
  public int status() {
    return status;
  }

  /** The node's error code ({@code NodeProtocol}), or "unreachable". */
  public String code() {
    return code;
  }

  /** Whether the node could not be reached at all. */
  public boolean unreachable() {
    return status == 0;
  }
}

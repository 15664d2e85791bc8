package io.levity.storage.node;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A request the node refuses: the HTTP status, a machine-readable code from {@link NodeProtocol}
 * and a message.
 */
final class NodeError extends Exception {
  final HttpResponseStatus status;
  final String code;

  NodeError(HttpResponseStatus status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static NodeError badRequest(String message) {
    return new NodeError(HttpResponseStatus.BAD_REQUEST, NodeProtocol.BAD_REQUEST, message);
  }
}

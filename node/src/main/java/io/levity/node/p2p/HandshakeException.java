package io.levity.node.p2p;

/** A handshake refused, with the reason sent to the peer before the connection closes. */
public final class HandshakeException extends Exception {
  private final DisconnectReason reason;

  public HandshakeException(DisconnectReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public DisconnectReason reason() {
    return reason;
  }
}

package io.levity.node.p2p;

/**
 * Why a connection is closed; sent as one byte in a {@link P2pMessage.Disconnect} before closing.
 */
public enum DisconnectReason {
  REQUESTED(0),
  PROTOCOL_MISMATCH(1),
  WRONG_CHAIN(2),
  WRONG_GENESIS(3),
  BAD_AUTHENTICATION(4),
  SELF_CONNECTION(5),
  DUPLICATE_CONNECTION(6),
  BANNED(7),
  TOO_MANY_PEERS(8),
  BAD_MESSAGE(9),
  TIMEOUT(10),
  SHUTDOWN(11),
  /** The peer asked for more than its quota (for example block requests over its byte budget). */
  RATE_LIMITED(12);

  private final int code;

  DisconnectReason(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The reason with this wire code, or null when the code is unknown. */
  public static DisconnectReason fromCode(long code) {
    for (DisconnectReason r : values()) {
      if (r.code == code) return r;
    }
    return null;
  }
}

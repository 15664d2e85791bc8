package io.levity.node.p2p;

/** A host and TCP port to dial, written {@code host:port}. */
public record PeerAddress(String host, int port) {
  public PeerAddress {
    if (host == null || host.isBlank()) throw new IllegalArgumentException("peer host is empty");
    if (port < 1 || port > 65535)
      throw new IllegalArgumentException("peer port out of range: " + port);
  }

  /** Parses {@code host:port}. */
  public static PeerAddress parse(String s) {
    int i = s.lastIndexOf(':');
    if (i <= 0 || i == s.length() - 1)
      throw new IllegalArgumentException("expected host:port, got '" + s + "'");
    try {
      return new PeerAddress(s.substring(0, i), Integer.parseInt(s.substring(i + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected host:port, got '" + s + "'", e);
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}

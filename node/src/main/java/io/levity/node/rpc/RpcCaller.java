package io.levity.node.rpc;

import java.util.function.Supplier;

/**
 * Who sent the request a worker is running (the client's IP, as the rate limiter keys it), for
 * methods that keep per-client state such as installed filters. Outside a dispatched request (a
 * test calling {@link JsonRpcProcessor#handle}) the caller is {@link #LOCAL}.
 */
public final class RpcCaller {
  /** The caller of a request not dispatched from a connection. */
  public static final String LOCAL = "local";

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private RpcCaller() {}

  /** The client of the request running on this thread. */
  public static String current() {
    String c = CURRENT.get();
    return c == null ? LOCAL : c;
  }

  /** Runs {@code body} as a request from {@code client}. */
  public static <T> T as(String client, Supplier<T> body) {
    String before = CURRENT.get();
    CURRENT.set(client);
    try {
      return body.get();
    } finally {
      if (before == null) CURRENT.remove();
      else CURRENT.set(before);
    }
  }
}

package io.levity.cli.bench.tps;

import java.io.IOException;

/**
 * A JSON-RPC request the server answered with an error (or with an HTTP status other than 200), as
 * opposed to a transport failure, which stays a plain {@link IOException}.
 *
 * @see SubmitVerdict#of(IOException)
 */
public final class RpcCallException extends IOException {
  /** {@link #code()} when the answer carried no JSON-RPC error code. */
  public static final int NO_CODE = Integer.MIN_VALUE;

  private final int httpStatus;
  private final int code;
  private final String rpcMessage;

  public RpcCallException(String method, int httpStatus, int code, String rpcMessage) {
    super(
        method
            + ": "
            + (code == NO_CODE ? "HTTP " + httpStatus : "error " + code)
            + ": "
            + rpcMessage);
    this.httpStatus = httpStatus;
    this.code = code;
    this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The JSON-RPC error code, or {@link #NO_CODE}. */
  public int code() {
    return code;
  }

  /** The server's own words. */
  public String rpcMessage() {
    return rpcMessage;
  }
}

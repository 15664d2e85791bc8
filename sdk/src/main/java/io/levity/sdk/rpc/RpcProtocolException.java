package io.levity.sdk.rpc;

/**
 * An answer that is not usable JSON-RPC: an HTTP status other than 200 without a JSON-RPC error, a
 * body that is not JSON, a body over the size limit, a reply without result or error, or a result
 * of the wrong shape (such as a quantity that is not hex).
 */
public final class RpcProtocolException extends EthRpcException {
  /** {@link #httpStatus()} when the problem is in a result, not in the HTTP exchange. */
  public static final int NO_STATUS = 0;

  private final int httpStatus;

  public RpcProtocolException(String method, int httpStatus, String message) {
    this(method, httpStatus, message, null);
  }

  public RpcProtocolException(String method, int httpStatus, String message, Throwable cause) {
    super(method, message, cause);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status of the answer, or {@link #NO_STATUS}. */
  public int httpStatus() {
    return httpStatus;
  }
}

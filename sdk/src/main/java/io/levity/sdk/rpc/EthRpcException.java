package io.levity.sdk.rpc;

/**
 * A JSON-RPC call that did not return a result. Exactly one of three things happened, told apart by
 * the subclass: the node answered with a JSON-RPC error ({@link RpcErrorException}); no answer
 * arrived ({@link RpcTransportException}: connection refused, timeout, interrupted); or the answer
 * was not usable JSON-RPC ({@link RpcProtocolException}: an HTTP error page, no JSON, too large, a
 * malformed result).
 */
public abstract sealed class EthRpcException extends RuntimeException
    permits RpcErrorException, RpcTransportException, RpcProtocolException {
  private final String method;

  EthRpcException(String method, String message, Throwable cause) {
    super(method + ": " + message, cause);
    this.method = method;
  }

  /** The JSON-RPC method that failed. */
  public String method() {
    return method;
  }
}

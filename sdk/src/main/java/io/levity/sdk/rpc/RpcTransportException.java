package io.levity.sdk.rpc;

/**
 * No answer arrived: the endpoint could not be reached, the request timed out, or the calling
 * thread was interrupted (its interrupt flag is set again). The node may or may not have acted on
 * the request.
 */
public final class RpcTransportException extends EthRpcException {
  public RpcTransportException(String method, String message, Throwable cause) {
    super(method, message, cause);
  }
}

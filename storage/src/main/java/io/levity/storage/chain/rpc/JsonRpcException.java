package io.levity.storage.chain.rpc;

/**
 * A JSON-RPC error response: its code, message and optional data (for a revert, code 3, the revert
 * bytes in hex and a message such as {@code execution reverted: <reason>}).
 */
public final class JsonRpcException extends RegistryException {
  /** Code of an EVM revert in {@code eth_call} and {@code eth_estimateGas}. */
  public static final int EXECUTION_REVERTED = 3;

  private final int code;
  private final String data;

  public JsonRpcException(String method, int code, String message, String data) {
    super(method + " failed: " + message + " (code " + code + ")");
    this.code = code;
    this.data = data;
  }

  public int code() {
    return code;
  }

  /** The error's data field as text, or null. */
  public String data() {
    return data;
  }

  public boolean isRevert() {
    return code == EXECUTION_REVERTED;
  }
}

package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error with its standard code; {@code data} is optional (for example revert data). */
public final class RpcException extends Exception {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /**
   * Server errors: transaction rejected, resource not found, and the like (as Ethereum clients use
   * it).
   */
  public static final int SERVER_ERROR = -32000;

  /** The request ran out of time (as go-ethereum answers it). */
  public static final int TIMEOUT = -32002;

  /** Request limit exceeded (EIP-1474). */
  public static final int LIMIT_EXCEEDED = -32005;

  /** Execution reverted; data carries the revert bytes (as geth and Hardhat report it). */
  public static final int EXECUTION_REVERTED = 3;

  private final int code;
  private final transient JsonNode data;

  public RpcException(int code, String message) {
    this(code, message, null);
  }

  public RpcException(int code, String message, JsonNode data) {
    super(message);
    this.code = code;
    this.data = data;
  }

  public static RpcException invalidParams(String message) {
    return new RpcException(INVALID_PARAMS, message);
  }

  public int code() {
    return code;
  }

  public JsonNode data() {
    return data;
  }
}

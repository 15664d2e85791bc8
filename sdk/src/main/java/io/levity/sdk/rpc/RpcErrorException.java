package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import java.util.Optional;

/**
 * The node answered with a JSON-RPC error object: its {@link #code()}, {@link #rpcMessage()} and
 * optional {@link #data()}. For a revert in {@code eth_call} or {@code eth_estimateGas} (code
 * {@value #EXECUTION_REVERTED}) the data holds the revert bytes, see {@link #revertData()}.
 */
public final class RpcErrorException extends EthRpcException {
  /** Code of an EVM revert in {@code eth_call} and {@code eth_estimateGas}. */
  public static final int EXECUTION_REVERTED = 3;

  /** JSON-RPC 2.0 / EIP-1474 "limit exceeded". */
  public static final int LIMIT_EXCEEDED = -32005;

  private final int httpStatus;
  private final int code;
  private final String rpcMessage;
  private final JsonNode data;

  /**
   * @param data the error's {@code data} member, or null
   */
  public RpcErrorException(
      String method, int httpStatus, int code, String rpcMessage, JsonNode data) {
    super(method, "error " + code + ": " + rpcMessage, null);
    this.httpStatus = httpStatus;
    this.code = code;
    this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
    this.data = data == null || data.isNull() || data.isMissingNode() ? null : data;
  }

  /** The HTTP status the error came with (200 for most nodes). */
  public int httpStatus() {
    return httpStatus;
  }

  public int code() {
    return code;
  }

  /** The node's own words. */
  public String rpcMessage() {
    return rpcMessage;
  }

  /** The error's {@code data} member, if any. */
  public Optional<JsonNode> data() {
    return Optional.ofNullable(data);
  }

  public boolean isRevert() {
    return code == EXECUTION_REVERTED;
  }

  /** The revert bytes, when the data is a hex string (as for a revert). */
  public Optional<Bytes> revertData() {
    if (data == null || !data.isTextual() || !Hex.hasPrefix(data.asText())) return Optional.empty();
    try {
      return Optional.of(Bytes.fromHex(data.asText()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}

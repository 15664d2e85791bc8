package io.levity.storage.chain.rpc;

import io.levity.sdk.abi.AbiException;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.TransactionFailedException;
import java.util.function.Supplier;

/**
 * The chain could not do what the registry adapter asked: the JSON-RPC endpoint failed or answered
 * nonsense, the contract refused (a revert), a transaction was not mined in time or failed on chain
 * (status 0). The message says which, with the transaction hash when there is one; the cause is the
 * SDK's exception.
 */
public class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when the contract reverted a call or a gas estimate (nothing was sent then). */
  public boolean isRevert() {
    return getCause() instanceof RpcErrorException e && e.isRevert();
  }

  /**
   * Runs {@code op}, turning the SDK's failures into a RegistryException that says {@code what}.
   */
  static <T> T wrap(String what, Supplier<T> op) {
    try {
      return op.get();
    } catch (EthRpcException | TransactionFailedException | ReceiptWaitException | AbiException e) {
      throw new RegistryException(what + ": " + e.getMessage(), e);
    }
  }
}

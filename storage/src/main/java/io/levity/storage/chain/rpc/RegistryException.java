package io.levity.storage.chain.rpc;

/**
 * The chain could not do what the registry adapter asked: the JSON-RPC endpoint failed or answered
 * nonsense, a transaction was not mined in time or failed on chain (status 0). The message says
 * which, with the transaction hash when there is one.
 */
public class RegistryException extends RuntimeException {
  public RegistryException(String message) {
    super(message);
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
  }
}

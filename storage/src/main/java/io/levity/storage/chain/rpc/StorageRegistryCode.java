package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The StorageRegistry contract's compiled code (storage/contracts, compiled by compile.js into this
 * package's resources): the runtime code a genesis places at {@link
 * RpcStorageChain#DEVNET_REGISTRY} (the devnet wiring does that), and the creation code {@link
 * #deploy} sends to other chains.
 */
public final class StorageRegistryCode {
  private StorageRegistryCode() {}

  /** The registry's runtime code: what a genesis allocation places at the registry address. */
  public static Bytes runtimeCode() {
    return hexResource("StorageRegistry.runtime.hex");
  }

  /**
   * The registry's creation code (deploying it with a transaction runs no constructor logic; see
   * the source).
   */
  public static Bytes creationCode() {
    return hexResource("StorageRegistry.creation.hex");
  }

  /**
   * Deploys a fresh registry with a transaction from {@code key} and returns its address (for
   * chains whose genesis does not hold one).
   *
   * @throws RegistryException if the deployment fails or is not mined within {@code receiptTimeout}
   */
  public static Address deploy(URI rpcUrl, Secp256k1.KeyPair key, Duration receiptTimeout) {
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(10));
    ReceiptWaiter waiter = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(100));
    return RegistryException.wrap(
            "deploy StorageRegistry",
            () -> new Wallet(rpc, key).sendAndWait(TxRequest.deploy(creationCode()), waiter))
        .contractAddress()
        .orElseThrow(
            () -> new RegistryException("the deployment receipt names no contract address"));
  }

  private static Bytes hexResource(String name) {
    try (InputStream in = StorageRegistryCode.class.getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "resource " + name + " missing; run storage/contracts/compile.js");
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

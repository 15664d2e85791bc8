package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
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
import java.util.Map;

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
   * The storage a genesis allocation gives the registry's runtime code: the owner (slot 0, may
   * change the auditor) and the auditor (slot 1, the only account that may record proof results),
   * what the constructor sets when the registry is deployed by a transaction.
   */
  public static Map<UInt256, UInt256> genesisStorage(Address owner, Address auditor) {
    return Map.of(
        UInt256.ZERO, UInt256.fromBytes(Bytes32.leftPad(owner)),
        UInt256.ONE, UInt256.fromBytes(Bytes32.leftPad(auditor)));
  }

  /**
   * The registry's creation code, without the constructor's argument (the auditor's address, ABI
   * encoded, follows it in a deployment).
   */
  public static Bytes creationCode() {
    return hexResource("StorageRegistry.creation.hex");
  }

  /**
   * Deploys a fresh registry with a transaction from {@code key}, which owns it, with {@code
   * auditor} recording proof results, and returns its address (for chains whose genesis does not
   * hold one).
   *
   * @throws RegistryException if the deployment fails or is not mined within {@code receiptTimeout}
   */
  public static Address deploy(
      URI rpcUrl, Secp256k1.KeyPair key, Address auditor, Duration receiptTimeout) {
    Bytes code = Bytes.concat(creationCode(), Bytes32.leftPad(auditor));
    EthRpc rpc = EthRpc.connect(rpcUrl, Duration.ofSeconds(10));
    ReceiptWaiter waiter = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(100));
    return RegistryException.wrap(
            "deploy StorageRegistry",
            () -> new Wallet(rpc, key).sendAndWait(TxRequest.deploy(code), waiter))
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

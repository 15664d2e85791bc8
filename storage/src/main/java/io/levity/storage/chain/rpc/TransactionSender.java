package io.levity.storage.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends EIP-1559 transactions from one key and waits for their receipts: chain id from {@code
 * eth_chainId}, nonce from {@code eth_getTransactionCount(.., "pending")}, gas from {@code
 * eth_estimateGas} plus a quarter, fee cap twice the latest base fee plus the suggested tip. One
 * transaction at a time (calls are serialised), so nonces never race within a process.
 */
final class TransactionSender {
  /** A mined, successful transaction. */
  record Mined(Bytes32 hash, long blockNumber, long gasUsed, Optional<Address> contractAddress) {}

  private final JsonRpcClient rpc;
  private final TransactionSigner signer;
  private final Duration receiptTimeout;
  private final Duration pollInterval;
  private long chainId = -1;

  TransactionSender(
      JsonRpcClient rpc, Secp256k1.KeyPair key, Duration receiptTimeout, Duration pollInterval) {
    this.rpc = rpc;
    this.signer = new TransactionSigner(key);
    this.receiptTimeout = receiptTimeout;
    this.pollInterval = pollInterval;
  }

  Address address() {
    return signer.address();
  }

  /**
   * Estimates, signs, sends and waits. A revert during estimation surfaces as a {@link
   * JsonRpcException} with {@link JsonRpcException#isRevert()} and the contract's reason in its
   * message; nothing is sent then.
   */
  synchronized Mined send(Optional<Address> to, Bytes data, String what) {
    ObjectNode call = rpc.object().put("from", signer.address().toHex()).put("data", data.toHex());
    to.ifPresent(a -> call.put("to", a.toHex()));
    long estimate = quantity(rpc.call("eth_estimateGas", call), "eth_estimateGas");
    return send(to, data, estimate + estimate / 4, what);
  }

  /**
   * Sends with a fixed gas limit (no estimate), then waits: a status-0 receipt is a {@link
   * RegistryException}.
   */
  synchronized Mined send(Optional<Address> to, Bytes data, long gasLimit, String what) {
    if (chainId < 0) chainId = quantity(rpc.call("eth_chainId"), "eth_chainId");
    long nonce =
        quantity(
            rpc.call("eth_getTransactionCount", signer.address().toHex(), "pending"),
            "eth_getTransactionCount");
    UInt256 tip = UInt256.parse(rpc.call("eth_maxPriorityFeePerGas").asText());
    JsonNode latest = rpc.call("eth_getBlockByNumber", "latest", false);
    UInt256 baseFee = UInt256.parse(latest.path("baseFeePerGas").asText("0x0"));
    UInt256 maxFee = baseFee.multiply(2).add(tip);
    Transaction tx =
        signer.sign(
            new DynamicFeeTransaction(
                chainId,
                nonce,
                tip,
                maxFee,
                gasLimit,
                to,
                UInt256.ZERO,
                data,
                List.of(),
                Transaction.UNSIGNED));
    Bytes32 hash = tx.hash();
    JsonNode sent = rpc.call("eth_sendRawTransaction", Bytes.wrap(tx.encode()).toHex());
    if (!hash.toHex().equalsIgnoreCase(sent.asText())) {
      throw new RegistryException(
          what + ": the node returned hash " + sent.asText() + " for transaction " + hash);
    }
    JsonNode receipt = awaitReceipt(hash, what);
    long block = quantity(receipt.get("blockNumber"), "receipt blockNumber");
    long gasUsed = quantity(receipt.get("gasUsed"), "receipt gasUsed");
    if (quantity(receipt.get("status"), "receipt status") != 1) {
      throw new RegistryException(
          what
              + ": transaction "
              + hash
              + " failed on chain (status 0) in block "
              + block
              + ", gas used "
              + gasUsed
              + " of "
              + gasLimit);
    }
    JsonNode created = receipt.get("contractAddress");
    Optional<Address> contract =
        created == null || created.isNull()
            ? Optional.empty()
            : Optional.of(Address.fromHex(created.asText()));
    return new Mined(hash, block, gasUsed, contract);
  }

  private JsonNode awaitReceipt(Bytes32 hash, String what) {
    long deadline = System.nanoTime() + receiptTimeout.toNanos();
    while (true) {
      JsonNode r = rpc.call("eth_getTransactionReceipt", hash.toHex());
      if (r != null && !r.isNull()) return r;
      if (System.nanoTime() > deadline) {
        throw new RegistryException(
            what
                + ": transaction "
                + hash
                + " not mined within "
                + receiptTimeout
                + "; it may still be mined later");
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException(what + ": interrupted waiting for transaction " + hash, e);
      }
    }
  }

  static long quantity(JsonNode n, String what) {
    if (n == null
        || !n.isTextual()
        || !n.asText().startsWith("0x")
        || n.asText().length() < 3
        || n.asText().length() > 18) {
      throw new RegistryException(what + ": expected a hex quantity, got " + n);
    }
    try {
      long v = Long.parseUnsignedLong(n.asText().substring(2), 16);
      if (v < 0) throw new RegistryException(what + ": quantity " + n.asText() + " out of range");
      return v;
    } catch (NumberFormatException e) {
      throw new RegistryException(what + ": expected a hex quantity, got " + n, e);
    }
  }
}

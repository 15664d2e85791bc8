package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.SignedTx;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.StorageNodeRecord;
import java.time.Duration;

/**
 * Sends {@link RpcStorageChain}'s node registrations, retrying: a registration acknowledged by a
 * node that was behind can carry a nonce already used and never be mined. An attempt not mined in
 * time is put back to the node as it was (the wallet's in-doubt resubmission: "nonce too low" then
 * means its nonce is used), the chain is read again, and if the node is still not registered the
 * next attempt goes out with a fresh nonce from the node's pending count (the node key's signature
 * does not depend on the nonce, so every attempt carries the same one). A revert or a registration
 * mined but failed is final.
 */
final class NodeRegistrar {
  /** How many times a registration is sent before the failure is the caller's. */
  static final int REGISTER_ATTEMPTS = 5;

  /** How long one registration attempt waits for its receipt (at most the configured wait). */
  static final Duration REGISTER_RECEIPT_WAIT = Duration.ofSeconds(20);

  private final Address registry;
  private final RegistryReads reads;
  private final ReceiptWaiter receipts;

  NodeRegistrar(
      EthRpc rpc, Address registry, RegistryReads reads, RpcStorageChain.Requests requests) {
    this.registry = registry;
    this.reads = reads;
    Duration wait =
        requests.receiptTimeout().compareTo(REGISTER_RECEIPT_WAIT) < 0
            ? requests.receiptTimeout()
            : REGISTER_RECEIPT_WAIT;
    this.receipts = ReceiptWaiter.of(rpc, wait, requests.pollInterval());
  }

  /** Registers {@code node} from {@code w}'s account with the node key's {@code signature}. */
  void register(Wallet w, StorageNodeRecord node, Bytes signature) {
    for (int attempt = 1; ; attempt++) {
      Address owner = reads.ownerOf(node.nodeId());
      if (!owner.equals(Address.ZERO) && !owner.equals(w.address())) {
        throw new IllegalStateException(
            "node "
                + node.nodeId()
                + " is registered by account "
                + owner
                + "; only that account can change its endpoint");
      }
      if (!owner.equals(Address.ZERO) && reads.nodes().contains(node)) return;
      // The first registration carries the deposit; an endpoint change carries nothing.
      UInt256 deposit = owner.equals(Address.ZERO) ? RegistryAbi.NODE_DEPOSIT : UInt256.ZERO;
      try {
        RegistryException.wrap(
            "register node " + node.nodeId() + " (attempt " + attempt + ")",
            () -> registerOnce(w, RegistryAbi.registerNode(node, signature), deposit));
        return;
      } catch (RegistryException e) {
        if (attempt >= REGISTER_ATTEMPTS
            || e.isRevert()
            || e.getCause() instanceof TransactionFailedException) throw e;
        w.nonces().resync(w.address());
      }
    }
  }

  private TxReceipt registerOnce(Wallet w, Bytes data, UInt256 deposit) {
    SignedTx tx = w.send(TxRequest.call(registry, data).withValue(deposit));
    try {
      TxReceipt r = receipts.await(tx.hash());
      if (!r.succeeded()) throw new TransactionFailedException(r, tx.transaction().gasLimit());
      return r;
    } catch (ReceiptWaitException notMined) {
      try {
        w.resend(tx);
      } catch (RuntimeException refused) {
        notMined.addSuppressed(refused);
      }
      throw notMined;
    }
  }
}

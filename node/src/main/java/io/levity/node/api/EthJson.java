package io.levity.node.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionType;
import io.levity.evm.ContractAddress;
import io.levity.evm.Log;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.BlobGas;
import io.levity.node.rpc.Params;
import io.levity.node.store.ChainReader.IndexedLog;
import java.math.BigInteger;
import java.util.List;

/**
 * Ethereum JSON-RPC renderings of blocks, transactions, receipts and logs: quantities as minimal
 * hex, data as 0x hex, null where a value is absent (a pending transaction's block fields). Public
 * for the node's eth_subscribe publishing ({@link #head}, {@link #log}).
 */
public final class EthJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private EthJson() {}

  static String q(long v) {
    return Params.quantity(v);
  }

  static String q(UInt256 v) {
    return Params.quantity(v);
  }

  static String q(BigInteger v) {
    return "0x" + v.toString(16);
  }

  /** Where a transaction sits; null block fields for a pending one. */
  record Position(Bytes32 blockHash, long blockNumber, int index, UInt256 baseFee) {}

  /** A newHeads notification: the block's header fields, without transactions, uncles or size. */
  public static ObjectNode head(Block block) {
    ObjectNode o = block(block, false, 0);
    o.remove(List.of("transactions", "uncles", "size", "withdrawals"));
    return o;
  }

  static ObjectNode block(Block block, boolean fullTransactions, long chainId) {
    BlockHeader h = block.header();
    Bytes32 hash = block.hash();
    ObjectNode o = F.objectNode();
    o.put("hash", hash.toHex());
    o.put("parentHash", h.parentHash().toHex());
    o.put("sha3Uncles", h.ommersHash().toHex());
    o.put("miner", h.coinbase().toHex());
    o.put("stateRoot", h.stateRoot().toHex());
    o.put("transactionsRoot", h.transactionsRoot().toHex());
    o.put("receiptsRoot", h.receiptsRoot().toHex());
    o.put("logsBloom", h.logsBloom().toHex());
    o.put("difficulty", q(h.difficulty()));
    o.put("totalDifficulty", "0x0");
    o.put("number", q(h.number()));
    o.put("gasLimit", q(h.gasLimit()));
    o.put("gasUsed", q(h.gasUsed()));
    o.put("timestamp", q(h.timestamp()));
    o.put("extraData", h.extraData().toHex());
    o.put("mixHash", h.mixHash().toHex());
    o.put("nonce", String.format("0x%016x", h.nonce()));
    if (h.baseFeePerGas() != null) o.put("baseFeePerGas", q(h.baseFeePerGas()));
    if (h.withdrawalsRoot() != null) {
      o.put("withdrawalsRoot", h.withdrawalsRoot().toHex());
      o.putArray("withdrawals");
    }
    if (h.blobGasUsed() != null) o.put("blobGasUsed", q(h.blobGasUsed()));
    if (h.excessBlobGas() != null) o.put("excessBlobGas", q(h.excessBlobGas()));
    if (h.parentBeaconBlockRoot() != null)
      o.put("parentBeaconBlockRoot", h.parentBeaconBlockRoot().toHex());
    o.put("size", q(block.encode().length));
    ArrayNode txs = o.putArray("transactions");
    List<Transaction> list = block.transactions();
    for (int i = 0; i < list.size(); i++) {
      Transaction tx = list.get(i);
      if (fullTransactions) {
        txs.add(
            transaction(
                tx, sender(tx), new Position(hash, h.number(), i, h.baseFeeOrZero()), chainId));
      } else {
        txs.add(tx.hash().toHex());
      }
    }
    o.putArray("uncles");
    return o;
  }

  static Address sender(Transaction tx) {
    return tx.recoverSender()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "stored transaction " + tx.hash() + " has no recoverable sender"));
  }

  static ObjectNode transaction(Transaction tx, Address from, Position at, long chainId) {
    ObjectNode o = F.objectNode();
    o.put("blockHash", at == null ? null : at.blockHash().toHex());
    o.put("blockNumber", at == null ? null : q(at.blockNumber()));
    o.put("transactionIndex", at == null ? null : q(at.index()));
    o.put("hash", tx.hash().toHex());
    o.put("type", q(tx.type().code()));
    o.put("from", from.toHex());
    o.put("to", tx.to().map(Address::toHex).orElse(null));
    o.put("nonce", q(tx.nonce()));
    o.put("gas", q(tx.gasLimit()));
    o.put("value", q(tx.value()));
    o.put("input", tx.data().toHex());
    boolean typedFees =
        tx.type() == TransactionType.DYNAMIC_FEE || tx.type() == TransactionType.BLOB;
    if (typedFees) {
      // Mined: the price actually paid; pending: the cap, as geth reports it.
      o.put("gasPrice", q(at == null ? tx.maxFeePerGas() : tx.effectiveGasPrice(at.baseFee())));
      o.put("maxFeePerGas", q(tx.maxFeePerGas()));
      o.put("maxPriorityFeePerGas", q(tx.maxPriorityFeePerGas()));
    } else {
      o.put("gasPrice", q(tx.maxFeePerGas()));
    }
    if (tx instanceof BlobTransaction blob) {
      o.put("maxFeePerBlobGas", q(blob.maxFeePerBlobGas()));
      ArrayNode hashes = o.putArray("blobVersionedHashes");
      for (Bytes32 b : blob.blobVersionedHashes()) hashes.add(b.toHex());
    }
    if (tx.type() != TransactionType.LEGACY) {
      ArrayNode al = o.putArray("accessList");
      for (AccessListEntry e : tx.accessList()) {
        ObjectNode entry = al.addObject().put("address", e.address().toHex());
        ArrayNode keys = entry.putArray("storageKeys");
        for (Bytes32 k : e.storageKeys()) keys.add(k.toHex());
      }
    }
    tx.chainId().ifPresent(id -> o.put("chainId", q(id)));
    int recId = tx.signature().recId();
    if (tx instanceof LegacyTransaction legacy) {
      BigInteger v =
          legacy.chainId().isPresent()
              ? BigInteger.valueOf(legacy.chainId().getAsLong())
                  .shiftLeft(1)
                  .add(BigInteger.valueOf(35L + recId))
              : BigInteger.valueOf(27L + recId);
      o.put("v", q(v));
    } else {
      o.put("v", q(recId));
      o.put("yParity", q(recId));
    }
    o.put("r", q(tx.signature().r()));
    o.put("s", q(tx.signature().s()));
    return o;
  }

  /**
   * A receipt; receipts is the block's list (for the gas this transaction used), index its
   * position.
   */
  static ObjectNode receipt(
      Block block, List<Receipt> receipts, int index, List<IndexedLog> blockLogs) {
    Transaction tx = block.transactions().get(index);
    Receipt r = receipts.get(index);
    BlockHeader h = block.header();
    Address from = sender(tx);
    long gasUsed =
        r.cumulativeGasUsed() - (index == 0 ? 0 : receipts.get(index - 1).cumulativeGasUsed());
    ObjectNode o = F.objectNode();
    o.put("transactionHash", tx.hash().toHex());
    o.put("transactionIndex", q(index));
    o.put("blockHash", block.hash().toHex());
    o.put("blockNumber", q(h.number()));
    o.put("from", from.toHex());
    o.put("to", tx.to().map(Address::toHex).orElse(null));
    o.put("cumulativeGasUsed", q(r.cumulativeGasUsed()));
    o.put("gasUsed", q(gasUsed));
    o.put("effectiveGasPrice", q(tx.effectiveGasPrice(h.baseFeeOrZero())));
    o.put(
        "contractAddress",
        tx.isContractCreation() ? ContractAddress.create(from, tx.nonce()).toHex() : null);
    ArrayNode logs = o.putArray("logs");
    for (IndexedLog l : blockLogs) {
      if (l.transactionIndex() == index) logs.add(log(l));
    }
    o.put("logsBloom", r.logsBloom().toHex());
    o.put("type", q(tx.type().code()));
    o.put("status", q(r.status()));
    if (tx instanceof BlobTransaction blob) {
      o.put("blobGasUsed", q(blob.blobGas()));
      o.put("blobGasPrice", q(BlobGas.baseFee(h.excessBlobGasOrZero())));
    }
    return o;
  }

  /** A log as eth_getLogs and eth_subscribe("logs") report it. */
  public static ObjectNode log(IndexedLog l) {
    Log log = l.log();
    ObjectNode o = F.objectNode();
    o.put("address", log.address().toHex());
    ArrayNode topics = o.putArray("topics");
    for (Bytes32 t : log.topics()) topics.add(t.toHex());
    o.put("data", log.data().toHex());
    o.put("blockNumber", q(l.blockNumber()));
    o.put("blockHash", l.blockHash().toHex());
    o.put("transactionHash", l.transactionHash().toHex());
    o.put("transactionIndex", q(l.transactionIndex()));
    o.put("logIndex", q(l.logIndex()));
    o.put("removed", false);
    return o;
  }
}

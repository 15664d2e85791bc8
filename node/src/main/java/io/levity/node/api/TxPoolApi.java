package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.tx.Transaction;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.mempool.Mempool;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.RpcException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * txpool_status, txpool_content, txpool_contentFrom and txpool_inspect in geth's formats: pending
 * (includable in nonce order from the account nonce) and queued (behind a nonce gap) maps keyed by
 * the sender's checksummed address, then by the nonce in decimal. txpool_content answers at most
 * {@link #maxContent} transactions (past it -32005: ask txpool_contentFrom per sender, or
 * txpool_inspect, which is small).
 */
public final class TxPoolApi {
  /** The most transactions txpool_content renders in full. */
  public static final int DEFAULT_MAX_CONTENT = 4096;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Mempool mempool;
  private final long chainId;
  private final int maxContent;

  public TxPoolApi(Mempool mempool, long chainId) {
    this(mempool, chainId, DEFAULT_MAX_CONTENT);
  }

  public TxPoolApi(Mempool mempool, long chainId, int maxContent) {
    this.mempool = Objects.requireNonNull(mempool, "mempool");
    this.chainId = chainId;
    if (maxContent < 1) throw new IllegalArgumentException("maxContent must be positive");
    this.maxContent = maxContent;
  }

  /** A waiting transaction as eth_getTransactionByHash and newPendingTransactions render it. */
  public static ObjectNode transaction(ValidatedTransaction tx, long chainId) {
    return EthJson.transaction(tx.transaction(), tx.sender(), null, chainId);
  }

  /** Registers the txpool methods on the processor. */
  public void register(JsonRpcProcessor rpc) {
    rpc.register("txpool_status", p -> status());
    rpc.register("txpool_content", p -> content(mempool.all()));
    rpc.register("txpool_contentFrom", p -> contentFrom(p.address(0)));
    rpc.register("txpool_inspect", p -> render(mempool.all(), TxPoolApi::summary));
  }

  private JsonNode status() {
    int pending = 0;
    int queued = 0;
    Map<Address, Long> next = new HashMap<>();
    for (Mempool.Entry e : mempool.all()) {
      if (isPending(e, next)) pending++;
      else queued++;
    }
    return F.objectNode().put("pending", EthJson.q(pending)).put("queued", EthJson.q(queued));
  }

  private JsonNode content(List<Mempool.Entry> all) throws RpcException {
    if (all.size() > maxContent) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "txpool holds "
              + all.size()
              + " transactions, more than the "
              + maxContent
              + " txpool_content answers; use txpool_contentFrom or txpool_inspect");
    }
    return render(all, e -> transaction(e.tx(), chainId));
  }

  private JsonNode contentFrom(Address sender) {
    Collection<Mempool.Entry> entries = mempool.bySender(sender);
    ObjectNode out = F.objectNode();
    ObjectNode pending = out.putObject("pending");
    ObjectNode queued = out.putObject("queued");
    Map<Address, Long> next = new HashMap<>();
    for (Mempool.Entry e : entries) {
      (isPending(e, next) ? pending : queued)
          .set(Long.toUnsignedString(e.nonce()), transaction(e.tx(), chainId));
    }
    return out;
  }

  private JsonNode render(List<Mempool.Entry> all, Function<Mempool.Entry, JsonNode> one) {
    Map<String, Map<String, JsonNode>> pending = new TreeMap<>();
    Map<String, Map<String, JsonNode>> queued = new TreeMap<>();
    Map<Address, Long> next = new HashMap<>();
    for (Mempool.Entry e : all) {
      var side = isPending(e, next) ? pending : queued;
      side.computeIfAbsent(e.sender().toChecksumHex(), a -> new TreeMap<>())
          .put(Long.toUnsignedString(e.nonce()), one.apply(e));
    }
    ObjectNode out = F.objectNode();
    fill(out.putObject("pending"), pending);
    fill(out.putObject("queued"), queued);
    return out;
  }

  private static void fill(ObjectNode into, Map<String, Map<String, JsonNode>> bySender) {
    bySender.forEach(
        (sender, byNonce) -> {
          ObjectNode s = into.putObject(sender);
          byNonce.forEach(s::set);
        });
  }

  /** Pending: its nonce is below the sender's next nonce counting its contiguous transactions. */
  private boolean isPending(Mempool.Entry e, Map<Address, Long> next) {
    long n = next.computeIfAbsent(e.sender(), mempool::pendingNonce);
    return Long.compareUnsigned(e.nonce(), n) < 0;
  }

  /** geth's one-line summary: "to: value wei + gas gas × price wei" (price: the fee cap). */
  static JsonNode summary(Mempool.Entry e) {
    Transaction tx = e.transaction();
    String to = tx.to().map(Address::toChecksumHex).orElse("contract creation");
    return F.textNode(
        to
            + ": "
            + tx.value().toBigInteger()
            + " wei + "
            + Long.toUnsignedString(tx.gasLimit())
            + " gas × "
            + tx.maxFeePerGas().toBigInteger()
            + " wei");
  }
}

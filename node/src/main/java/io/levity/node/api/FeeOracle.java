package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.FeeMarket;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.BlobGas;
import io.levity.node.rpc.RpcException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fee suggestions from recent blocks: eth_maxPriorityFeePerGas (a percentile of the tips paid
 * recently, or a default on a quiet chain), eth_gasPrice (the next base fee plus that tip) and
 * eth_feeHistory.
 */
final class FeeOracle {
  /** Blocks looked at for a tip suggestion. */
  static final int TIP_BLOCKS = 20;

  /** The percentile of recent tips suggested (as go-ethereum's oracle). */
  static final int TIP_PERCENTILE = 60;

  /** Most blocks eth_feeHistory reports at once. */
  static final int MAX_HISTORY_BLOCKS = 1024;

  private final ChainView chain;
  private final UInt256 defaultTip;

  FeeOracle(ChainView chain, UInt256 defaultTip) {
    this.chain = chain;
    this.defaultTip = defaultTip;
  }

  UInt256 suggestedTip() {
    BlockHeader head = chain.head();
    List<UInt256> tips = new ArrayList<>();
    for (long n = head.number(); n >= 0 && n > head.number() - TIP_BLOCKS; n--) {
      Block b = chain.blocks().blockByNumber(n).orElse(null);
      if (b == null) break;
      UInt256 baseFee = b.header().baseFeeOrZero();
      for (Transaction tx : b.transactions()) tips.add(tx.effectivePriorityFee(baseFee));
    }
    if (tips.isEmpty()) return defaultTip;
    tips.sort(Comparator.naturalOrder());
    return tips.get((tips.size() - 1) * TIP_PERCENTILE / 100);
  }

  UInt256 gasPrice() {
    return FeeMarket.nextBaseFee(chain.head()).add(suggestedTip());
  }

  ObjectNode feeHistory(long blockCount, BlockHeader newest, JsonNode percentilesNode)
      throws RpcException {
    double[] percentiles = percentiles(percentilesNode);
    long count = Math.min(blockCount, MAX_HISTORY_BLOCKS);
    long oldest = Math.max(0, newest.number() - count + 1);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    ArrayNode baseFees = f.arrayNode();
    ArrayNode ratios = f.arrayNode();
    ArrayNode blobFees = f.arrayNode();
    ArrayNode blobRatios = f.arrayNode();
    ArrayNode rewards = f.arrayNode();
    if (count == 0) {
      out.put("oldestBlock", EthJson.q(newest.number()));
      out.set("baseFeePerGas", baseFees);
      out.set("gasUsedRatio", ratios);
      return out;
    }
    for (long n = oldest; n <= newest.number(); n++) {
      Block b =
          chain
              .blocks()
              .blockByNumber(n)
              .orElseThrow(() -> new IllegalStateException("canonical block missing"));
      BlockHeader h = b.header();
      baseFees.add(EthJson.q(h.baseFeeOrZero()));
      ratios.add(h.gasLimit() == 0 ? 0.0 : (double) h.gasUsed() / h.gasLimit());
      blobFees.add(EthJson.q(BlobGas.baseFee(h.excessBlobGasOrZero())));
      blobRatios.add((double) h.blobGasUsedOrZero() / BlobGas.MAX_PER_BLOCK);
      if (percentiles != null) rewards.add(rewards(b, percentiles));
    }
    baseFees.add(EthJson.q(FeeMarket.nextBaseFee(newest)));
    blobFees.add(EthJson.q(BlobGas.baseFee(FeeMarket.nextExcessBlobGas(newest))));
    out.put("oldestBlock", EthJson.q(oldest));
    out.set("baseFeePerGas", baseFees);
    out.set("gasUsedRatio", ratios);
    out.set("baseFeePerBlobGas", blobFees);
    out.set("blobGasUsedRatio", blobRatios);
    if (percentiles != null) out.set("reward", rewards);
    return out;
  }

  private static double[] percentiles(JsonNode node) throws RpcException {
    if (node == null || node.isNull()) return null;
    if (!node.isArray() || node.size() > 100) {
      throw RpcException.invalidParams(
          "reward percentiles must be an array of at most 100 numbers");
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode p = node.get(i);
      if (!p.isNumber()
          || p.asDouble() < 0
          || p.asDouble() > 100
          || (i > 0 && p.asDouble() < out[i - 1])) {
        throw RpcException.invalidParams(
            "reward percentiles must be increasing numbers from 0 to 100");
      }
      out[i] = p.asDouble();
    }
    return out;
  }

  /**
   * The tip at each percentile of the block's gas, transactions ordered by tip (weighted by gas
   * used).
   */
  private ArrayNode rewards(Block b, double[] percentiles) {
    ArrayNode row = JsonNodeFactory.instance.arrayNode();
    List<Transaction> txs = b.transactions();
    if (txs.isEmpty()) {
      for (int i = 0; i < percentiles.length; i++) row.add("0x0");
      return row;
    }
    List<Receipt> receipts = chain.blocks().receipts(b.hash()).orElse(List.of());
    UInt256 baseFee = b.header().baseFeeOrZero();
    record Tip(UInt256 tip, long gas) {}
    List<Tip> tips = new ArrayList<>();
    long prev = 0;
    for (int i = 0; i < txs.size(); i++) {
      long cumulative = i < receipts.size() ? receipts.get(i).cumulativeGasUsed() : prev;
      tips.add(new Tip(txs.get(i).effectivePriorityFee(baseFee), cumulative - prev));
      prev = cumulative;
    }
    tips.sort(Comparator.comparing(Tip::tip));
    long total = b.header().gasUsed();
    for (double p : percentiles) {
      double threshold = total * p / 100;
      long sum = 0;
      UInt256 at = tips.get(tips.size() - 1).tip();
      for (Tip t : tips) {
        sum += t.gas();
        if (sum >= threshold) {
          at = t.tip();
          break;
        }
      }
      row.add(EthJson.q(at));
    }
    return row;
  }
}

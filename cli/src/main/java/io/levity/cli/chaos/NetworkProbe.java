package io.levity.cli.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.TxReceipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Reads the nodes of a chaos network over JSON-RPC (the sdk's {@link EthRpc}): heights (-1 for a
 * node that does not answer), the head hash and state root at a height, receipts; and waits on
 * conditions by polling.
 */
final class NetworkProbe {
  private static final long POLL_MILLIS = 200;
  private static final int RECEIPT_BATCH = 200;

  private final List<EthRpc> nodes;
  private final TimeSource clock;

  NetworkProbe(List<EthRpc> nodes, TimeSource clock) {
    this.nodes = List.copyOf(nodes);
    this.clock = clock;
  }

  /** Node {@code i}'s head number, or -1 when it does not answer. */
  long height(int i) {
    try {
      return nodes.get(i).blockNumber();
    } catch (EthRpcException e) {
      return -1;
    }
  }

  /** Every node's height, in order. */
  long[] heights() {
    long[] h = new long[nodes.size()];
    for (int i = 0; i < h.length; i++) h[i] = height(i);
    return h;
  }

  /** The highest head among the nodes. */
  long maxHeight() {
    long max = -1;
    for (long h : heights()) max = Math.max(max, h);
    return max;
  }

  /** Whether node {@code i} is no more than {@code slack} blocks behind the highest node. */
  boolean caughtUp(int i, long slack) {
    long h = height(i);
    return h >= 0 && h >= maxHeight() - slack;
  }

  /** Whether every node answers and none is more than {@code slack} blocks behind. */
  boolean allCaughtUp(long slack) {
    long[] h = heights();
    long max = -1;
    long min = Long.MAX_VALUE;
    for (long x : h) {
      max = Math.max(max, x);
      min = Math.min(min, x);
    }
    return min >= 0 && min >= max - slack;
  }

  /** "hash stateRoot" of node {@code i}'s block {@code number}, or why there is none. */
  String head(int i, long number) {
    try {
      JsonNode b =
          nodes.get(i).call("eth_getBlockByNumber", BlockTag.number(number).value(), false);
      if (b == null || b.isNull()) return "no block " + number;
      return b.path("hash").asText() + " " + b.path("stateRoot").asText();
    } catch (EthRpcException e) {
      return "no answer: " + e.getMessage();
    }
  }

  /**
   * Of {@code hashes}, those with a receipt on node {@code i} (a node that does not answer gives
   * none).
   */
  List<TxReceipt> receipts(int i, List<Bytes32> hashes) {
    List<TxReceipt> found = new ArrayList<>();
    for (int from = 0; from < hashes.size(); from += RECEIPT_BATCH) {
      List<Bytes32> batch = hashes.subList(from, Math.min(hashes.size(), from + RECEIPT_BATCH));
      try {
        for (Optional<TxReceipt> r : nodes.get(i).getTransactionReceipts(batch))
          r.ifPresent(found::add);
      } catch (EthRpcException e) {
        return found;
      }
    }
    return found;
  }

  /** Polls {@code done} until it holds (true) or {@code timeout} passes (false). */
  boolean await(Duration timeout, BooleanSupplier done) {
    long deadline = clock.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (clock.nanoTime() > deadline) return false;
      sleep(POLL_MILLIS);
    }
    return true;
  }

  /** Sleeps until {@code nanos} on the clock (at once if past). */
  void sleepUntil(long nanos) {
    long left = nanos - clock.nanoTime();
    if (left > 0) sleep(left / 1_000_000);
  }

  /** Sleeps {@code millis}; an interrupt ends the run (the flag is kept). */
  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

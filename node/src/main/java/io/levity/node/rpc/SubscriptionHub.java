package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * eth_subscribe over WebSocket: "newHeads", "logs" (with an address/topics filter),
 * "newPendingTransactions" (hashes, or whole transactions with a second parameter true, as geth)
 * and "syncing" (accepted; it notifies nothing, since the node answers requests only once caught
 * up). The node publishes each stored block and each transaction the mempool takes in; the hub
 * renders and hands notifications to each subscription's {@link Sink} on its own publisher thread,
 * so a slow or stuck connection never delays the caller (the consensus thread). Subscriptions are
 * capped per connection and in total; transactions waiting for the publisher are capped too (past
 * it their notifications are dropped and counted).
 */
public final class SubscriptionHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionHub.class);

  /** Where one connection's notifications go. */
  @FunctionalInterface
  public interface Sink {
    /** Queues a message; false when the connection is gone (its subscriptions are dropped). */
    boolean offer(byte[] message);
  }

  /**
   * Subscription limits.
   *
   * @param perConnection subscriptions one connection may hold
   * @param total subscriptions the node holds
   * @param pendingBlocks blocks waiting for the publisher; past it a block's notifications are
   *     skipped (and logged) rather than queued without limit
   * @param pendingTransactions transactions waiting for the publisher; past it a transaction's
   *     notifications are dropped and counted
   */
  public record Limits(int perConnection, int total, int pendingBlocks, int pendingTransactions) {
    public static final Limits DEFAULT = new Limits(128, 4096, 64, 4096);

    /** Limits with the default cap on waiting transactions. */
    public Limits(int perConnection, int total, int pendingBlocks) {
      this(perConnection, total, pendingBlocks, 4096);
    }
  }

  private static final String PENDING = "newPendingTransactions";
  private static final String PENDING_FULL = "newPendingTransactions/full";

  private record Sub(String kind, Predicate<JsonNode> filter, Sink sink) {}

  private final ObjectMapper json;
  private final Scheduler publisher;
  private final AutoCloseable ownedPublisher;
  private final Limits limits;
  private final Map<String, Sub> subs = new ConcurrentHashMap<>();
  private final AtomicLong next = new AtomicLong(1);
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicInteger pendingTxs = new AtomicInteger();
  private final AtomicLong droppedTxs = new AtomicLong();

  /** A hub with the default limits and its own publisher thread (closed with the hub). */
  public SubscriptionHub(ObjectMapper json) {
    this(json, new ThreadScheduler("rpc-publisher"), Limits.DEFAULT);
  }

  /** A hub publishing on {@code publisher} (owned and closed with the hub if closeable). */
  public SubscriptionHub(ObjectMapper json, Scheduler publisher, Limits limits) {
    this.json = json;
    this.publisher = publisher;
    this.ownedPublisher = publisher instanceof AutoCloseable c ? c : () -> {};
    this.limits = limits;
  }

  /** Registers a subscription for a connection; returns its id. */
  public synchronized String subscribe(Params params, Sink sink) throws RpcException {
    String kind = params.string(0);
    Predicate<JsonNode> filter =
        switch (kind) {
          case "newHeads", "syncing" -> h -> true;
          case "logs" ->
              LogFilter.parse(params.has(1) ? params.node(1) : json.createObjectNode())::matches;
          case PENDING -> {
            params.bool(1, false); // a non-boolean second parameter is refused
            yield h -> true;
          }
          default ->
              throw RpcException.invalidParams(
                  "unsupported subscription: "
                      + kind
                      + " (newHeads, logs, newPendingTransactions, syncing)");
        };
    long mine = subs.values().stream().filter(s -> s.sink() == sink).count();
    if (mine >= limits.perConnection()) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "too many subscriptions on this connection (limit " + limits.perConnection() + ")");
    }
    if (subs.size() >= limits.total()) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "too many subscriptions on this node (limit " + limits.total() + ")");
    }
    String id = String.format("0x%032x", next.getAndIncrement());
    boolean full = kind.equals(PENDING) && params.bool(1, false);
    subs.put(id, new Sub(full ? PENDING_FULL : kind, filter, sink));
    return id;
  }

  /** Ends a subscription of this connection (another connection's id is not found). */
  public boolean unsubscribe(String id, Sink owner) {
    Sub s = subs.get(id);
    return s != null && s.sink() == owner && subs.remove(id, s);
  }

  /** Drops every subscription of a closed connection. */
  public void removeSink(Sink sink) {
    subs.values().removeIf(s -> s.sink() == sink);
  }

  public int size() {
    return subs.size();
  }

  /** Blocks whose notifications were skipped because the publisher was behind. */
  public long skippedBlocks() {
    return skipped.get();
  }

  /**
   * Publishes a stored block: its header and its logs are rendered on the publisher thread, and
   * only when someone subscribed to them.
   */
  public void publishBlock(Supplier<JsonNode> head, Supplier<List<JsonNode>> logs) {
    if (subs.isEmpty()) return;
    if (pending.incrementAndGet() > limits.pendingBlocks()) {
      pending.decrementAndGet();
      if (skipped.getAndIncrement() % 100 == 0)
        LOG.warn("subscription publisher is behind; skipping a block's notifications");
      return;
    }
    publisher.execute(
        () -> {
          try {
            if (has("newHeads")) deliver("newHeads", head.get());
            if (has("logs")) for (JsonNode l : logs.get()) deliver("logs", l);
          } finally {
            pending.decrementAndGet();
          }
        });
  }

  /** Transactions whose notifications were dropped because the publisher was behind. */
  public long droppedTransactions() {
    return droppedTxs.get();
  }

  /**
   * Publishes a transaction the mempool took in: its hash, and the whole transaction (rendered on
   * the publisher thread, only if someone asked for it). Never blocks: past {@link
   * Limits#pendingTransactions} waiting, the notification is dropped and counted.
   */
  public void publishPendingTransaction(String hash, Supplier<JsonNode> full) {
    if (subs.isEmpty()) return;
    if (pendingTxs.incrementAndGet() > limits.pendingTransactions()) {
      pendingTxs.decrementAndGet();
      if (droppedTxs.getAndIncrement() % 1000 == 0)
        LOG.warn("subscription publisher is behind; dropping pending-transaction notifications");
      return;
    }
    publisher.execute(
        () -> {
          try {
            if (has(PENDING)) deliver(PENDING, json.getNodeFactory().textNode(hash));
            if (has(PENDING_FULL)) deliver(PENDING_FULL, full.get());
          } finally {
            pendingTxs.decrementAndGet();
          }
        });
  }

  public void publishHead(JsonNode header) {
    publishBlock(() -> header, List::of);
  }

  /** Publishes one log object ({address, topics, data, blockNumber, ...}). */
  public void publishLog(JsonNode log) {
    publishBlock(json::nullNode, () -> List.of(log));
  }

  private boolean has(String kind) {
    for (Sub s : subs.values()) if (s.kind().equals(kind)) return true;
    return false;
  }

  private void deliver(String kind, JsonNode result) {
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, Sub> e : subs.entrySet()) {
      Sub s = e.getValue();
      if (!s.kind().equals(kind) || !s.filter().test(result)) continue;
      ObjectNode n =
          json.createObjectNode().put("jsonrpc", "2.0").put("method", "eth_subscription");
      ObjectNode p = n.putObject("params").put("subscription", e.getKey());
      p.set("result", result);
      boolean delivered;
      try {
        delivered = s.sink().offer(json.writeValueAsBytes(n));
      } catch (Exception ex) { // a sink must not stop the others
        LOG.debug("dropping subscription {}", e.getKey(), ex);
        delivered = false;
      }
      if (!delivered) gone.add(e.getKey());
    }
    gone.forEach(subs::remove);
  }

  @Override
  public void close() {
    try {
      ownedPublisher.close();
    } catch (Exception e) {
      LOG.warn("subscription publisher did not stop cleanly", e);
    }
  }
}

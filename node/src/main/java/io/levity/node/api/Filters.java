package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.execution.block.BlockHeader;
import io.levity.node.rpc.LogFilter;
import io.levity.node.rpc.RpcException;
import io.levity.node.store.ChainReader.IndexedLog;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Installed polling filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter)
 * with geth's semantics: a poll answers what happened since the previous poll (or the install).
 *
 * <p>Log and block filters keep no buffer: each remembers the last block it reported and a poll
 * reads the blocks committed since from the store (blooms first for logs). A block filter whose
 * client fell more than {@link Limits#maxChanges} blocks behind gets the newest ones (the oldest
 * are dropped and counted); a log filter answers at most about {@link Limits#maxChanges} logs and
 * {@link Limits#maxBlocksPerPoll} blocks per poll and continues where it stopped at the next one,
 * so no log is lost. Pending-transaction filters buffer hashes as the mempool takes transactions
 * in, at most {@link Limits#maxChanges} each; past it the oldest are dropped and counted.
 *
 * <p>A filter not polled for {@link Limits#idleMillis} (5 minutes) is removed, measured on the
 * injected {@link TimeSource}. Filters are capped in total and per client (its IP); past a cap an
 * install is refused with -32005. Thread-safe.
 */
public final class Filters {
  /**
   * Filter limits.
   *
   * @param total filters the node holds
   * @param perSource filters one client (IP) holds
   * @param maxChanges the most entries a poll answers (and a pending filter buffers)
   * @param maxBlocksPerPoll the most blocks one poll of a log filter searches
   * @param idleMillis a filter not polled for this long is removed
   */
  public record Limits(
      int total, int perSource, int maxChanges, long maxBlocksPerPoll, long idleMillis) {
    public static final Limits DEFAULT = new Limits(1024, 256, 10_000, 10_000, 5 * 60_000L);

    public Limits {
      if (total < 1 || perSource < 1 || maxChanges < 1 || maxBlocksPerPoll < 1 || idleMillis < 1)
        throw new IllegalArgumentException("filter limits must be positive");
    }
  }

  /** What a filter reports. */
  enum Kind {
    LOGS,
    BLOCKS,
    PENDING
  }

  /** A log filter's block bounds (inclusive; null: none, it follows the head). */
  record Bounds(Long from, Long to) {}

  private static final class Filter {
    final Kind kind;
    final String source;
    final JsonNode criteria;
    final LogFilter match;
    final Bounds bounds;
    final ArrayDeque<String> pending = new ArrayDeque<>();
    long lastPollNanos;
    long cursor;

    Filter(Kind kind, String source, JsonNode criteria, LogFilter match, Bounds bounds) {
      this.kind = kind;
      this.source = source;
      this.criteria = criteria;
      this.match = match;
      this.bounds = bounds;
    }
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ChainView chain;
  private final TimeSource time;
  private final Limits limits;
  private final RandomGenerator ids;
  private final Map<String, Filter> filters = new HashMap<>();
  private final Map<String, Integer> bySource = new HashMap<>();
  private final AtomicInteger pendingFilters = new AtomicInteger();
  private long dropped;
  private long lastSweepNanos;

  /**
   * Filters over {@code chain}, timed by {@code time}.
   *
   * @param ids where filter ids come from (a {@link java.security.SecureRandom} in the node, so one
   *     client cannot guess another's ids)
   */
  public Filters(ChainView chain, TimeSource time, Limits limits, RandomGenerator ids) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.time = Objects.requireNonNull(time, "time");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.ids = Objects.requireNonNull(ids, "ids");
  }

  public Limits limits() {
    return limits;
  }

  /** Installs a log filter (criteria as eth_getLogs takes them, already checked); its id. */
  String installLogs(String source, JsonNode criteria, LogFilter match, Bounds bounds)
      throws RpcException {
    return install(new Filter(Kind.LOGS, source, criteria, match, bounds));
  }

  /** Installs a block or pending-transaction filter; its id. */
  String install(String source, Kind kind) throws RpcException {
    return install(new Filter(kind, source, null, null, null));
  }

  private synchronized String install(Filter f) throws RpcException {
    sweep(true);
    if (filters.size() >= limits.total()) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "too many filters installed on this node (limit "
              + limits.total()
              + "); uninstall unused ones with eth_uninstallFilter");
    }
    int mine = bySource.getOrDefault(f.source, 0);
    if (mine >= limits.perSource()) {
      throw new RpcException(
          RpcException.LIMIT_EXCEEDED,
          "too many filters installed by this client (limit "
              + limits.perSource()
              + "); uninstall unused ones with eth_uninstallFilter");
    }
    f.lastPollNanos = time.nanoTime();
    f.cursor = chain.head().number();
    String id;
    do {
      id = String.format("0x%016x%016x", ids.nextLong(), ids.nextLong());
    } while (filters.containsKey(id));
    filters.put(id, f);
    bySource.merge(f.source, 1, Integer::sum);
    if (f.kind == Kind.PENDING) pendingFilters.incrementAndGet();
    return id;
  }

  /** Removes a filter; false if there was none of that id. */
  public synchronized boolean uninstall(String id) {
    Filter f = filters.remove(id);
    if (f == null) return false;
    forget(f);
    return true;
  }

  /** Installed filters, after removing those that expired. */
  public synchronized int size() {
    sweep(true);
    return filters.size();
  }

  /** Changes dropped so far: pending hashes and block hashes that overflowed a filter's limit. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Hands a transaction the mempool took in to every pending-transaction filter. */
  public void pendingTransaction(Bytes32 hash) {
    if (pendingFilters.get() == 0) return;
    String hex = hash.toHex();
    synchronized (this) {
      sweep(false);
      for (Filter f : filters.values()) {
        if (f.kind != Kind.PENDING) continue;
        if (f.pending.size() >= limits.maxChanges()) {
          f.pending.pollFirst();
          dropped++;
        }
        f.pending.addLast(hex);
      }
    }
  }

  /**
   * A dev chain went back to block {@code number} (evm_revert, anvil_reset): blocks sealed again
   * after it are new to every filter. A BFT chain's head never goes back.
   */
  public void rewoundTo(long number) {
    List<Filter> all;
    synchronized (this) {
      all = List.copyOf(filters.values());
    }
    for (Filter f : all) { // each filter's lock alone: polls take it before this one
      synchronized (f) {
        if (f.cursor > number) f.cursor = number;
      }
    }
  }

  /** eth_getFilterChanges: what happened since the previous poll. */
  JsonNode changes(String id) throws RpcException {
    Filter f = touch(id);
    synchronized (f) {
      return switch (f.kind) {
        case PENDING -> drainPending(f);
        case BLOCKS -> newBlocks(f);
        case LOGS -> newLogs(f);
      };
    }
  }

  /** The criteria of a log filter (eth_getFilterLogs runs them as eth_getLogs does). */
  JsonNode logCriteria(String id) throws RpcException {
    Filter f = touch(id);
    if (f.kind != Kind.LOGS) throw notFound();
    return f.criteria;
  }

  private synchronized Filter touch(String id) throws RpcException {
    sweep(true);
    Filter f = filters.get(id);
    if (f == null) throw notFound();
    f.lastPollNanos = time.nanoTime();
    return f;
  }

  private static RpcException notFound() {
    return new RpcException(RpcException.SERVER_ERROR, "filter not found");
  }

  private JsonNode drainPending(Filter f) {
    ArrayNode out = F.arrayNode();
    synchronized (this) {
      for (String h : f.pending) out.add(h);
      f.pending.clear();
    }
    return out;
  }

  private JsonNode newBlocks(Filter f) {
    ArrayNode out = F.arrayNode();
    long head = chain.head().number();
    long from = f.cursor + 1;
    if (head - f.cursor > limits.maxChanges()) {
      from = head - limits.maxChanges() + 1;
      synchronized (this) {
        dropped += from - f.cursor - 1;
      }
    }
    for (long n = from; n <= head; n++) {
      chain.blocks().headerByNumber(n).ifPresent(h -> out.add(h.hash().toHex()));
    }
    f.cursor = Math.max(f.cursor, head);
    return out;
  }

  private JsonNode newLogs(Filter f) {
    ArrayNode out = F.arrayNode();
    long head = chain.head().number();
    if (f.criteria.hasNonNull("blockHash")) return out; // one past block: nothing new ever
    long from = f.cursor + 1;
    if (f.bounds.from() != null) from = Math.max(from, f.bounds.from());
    long to = head;
    if (f.bounds.to() != null) to = Math.min(to, f.bounds.to());
    long last = head;
    if (to - from + 1 > limits.maxBlocksPerPoll()) {
      to = from + limits.maxBlocksPerPoll() - 1;
      last = to;
    }
    for (long n = from; n <= to; n++) {
      Optional<BlockHeader> h = chain.blocks().headerByNumber(n);
      if (h.isEmpty() || !LogSearch.bloomMayMatch(h.get().logsBloom(), f.match)) continue;
      for (IndexedLog l : chain.blocks().logs(h.get().hash())) {
        JsonNode log = EthJson.log(l);
        if (f.match.matches(log)) out.add(log);
      }
      if (out.size() >= limits.maxChanges() && n < to) {
        last = n; // the rest at the next poll
        break;
      }
    }
    f.cursor = Math.max(f.cursor, last);
    return out;
  }

  /**
   * Removes expired filters; {@code always} false sweeps at most once a second (the mempool's path
   * calls it for every transaction).
   */
  private void sweep(boolean always) {
    long now = time.nanoTime();
    if (!always && now - lastSweepNanos < 1_000_000_000L) return;
    lastSweepNanos = now;
    long idle = limits.idleMillis() * 1_000_000L;
    for (Iterator<Filter> it = filters.values().iterator(); it.hasNext(); ) {
      Filter f = it.next();
      if (now - f.lastPollNanos > idle) {
        it.remove();
        forget(f);
      }
    }
  }

  private void forget(Filter f) {
    bySource.computeIfPresent(f.source, (k, n) -> n == 1 ? null : n - 1);
    if (f.kind == Kind.PENDING) pendingFilters.decrementAndGet();
  }
}

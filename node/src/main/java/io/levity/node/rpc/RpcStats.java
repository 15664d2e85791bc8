package io.levity.node.rpc;

import io.levity.node.metrics.NodeMetrics;
import java.util.concurrent.atomic.AtomicLong;

/** Counts of requests and connections the JSON-RPC server refused or cut short, for metrics. */
public final class RpcStats {
  final AtomicLong rateLimited = new AtomicLong();
  final AtomicLong busy = new AtomicLong();
  final AtomicLong timedOut = new AtomicLong();
  final AtomicLong originRefused = new AtomicLong();
  final AtomicLong connectionsRefused = new AtomicLong();
  final AtomicLong slowConsumersDropped = new AtomicLong();

  public long rateLimited() {
    return rateLimited.get();
  }

  public long busy() {
    return busy.get();
  }

  public long timedOut() {
    return timedOut.get();
  }

  public long originRefused() {
    return originRefused.get();
  }

  public long connectionsRefused() {
    return connectionsRefused.get();
  }

  public long slowConsumersDropped() {
    return slowConsumersDropped.get();
  }

  /** Publishes the counts as levity_rpc_* metrics. */
  public void registerWith(NodeMetrics metrics) {
    metrics.gauge(
        "levity_rpc_rate_limited_total", "requests refused over the rate", rateLimited::get);
    metrics.gauge("levity_rpc_busy_total", "requests refused with all workers busy", busy::get);
    metrics.gauge("levity_rpc_timeouts_total", "requests answered with a timeout", timedOut::get);
    metrics.gauge(
        "levity_rpc_origin_refused_total",
        "requests from a disallowed Origin or Host",
        originRefused::get);
    metrics.gauge(
        "levity_rpc_connections_refused_total",
        "connections over the cap",
        connectionsRefused::get);
    metrics.gauge(
        "levity_rpc_slow_consumers_dropped_total",
        "WebSocket connections dropped for not reading",
        slowConsumersDropped::get);
  }
}

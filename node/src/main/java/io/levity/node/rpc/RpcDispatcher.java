package io.levity.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.time.Scheduler;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs requests off the I/O threads: a bounded pool of workers with a bounded queue (full: "busy",
 * HTTP 503), a rate limit per client weighted by {@link MethodCosts} (HTTP 429), and a deadline per
 * request or batch: a batch starts no entry after it (those get a timeout error), and a call still
 * running a quarter of the time limit later (at most 1 s) is answered with a timeout error. That
 * call is not stopped (the EVM has no clock to check); its late result is dropped.
 */
final class RpcDispatcher implements AutoCloseable {
  /** An answer: the HTTP status and the body (null: nothing to send, all notifications). */
  // the bytes are an answer handed to the transport as they are, never compared or hashed
  @SuppressWarnings("ArrayRecordComponent")
  record Reply(int status, byte[] body) {}

  static final int OK = 200;
  static final int TOO_MANY_REQUESTS = 429;
  static final int BUSY = 503;

  private final JsonRpcProcessor processor;
  private final RpcServerConfig config;
  private final RateLimiter limiter;
  private final MethodCosts costs;
  private final Scheduler timer;
  private final RpcStats stats;
  private final ExecutorService workers;

  RpcDispatcher(
      JsonRpcProcessor processor,
      RpcServerConfig config,
      MethodCosts costs,
      Scheduler timer,
      RpcStats stats) {
    this.processor = processor;
    this.config = config;
    this.costs = costs;
    this.timer = timer;
    this.stats = stats;
    this.limiter =
        new RateLimiter(
            config.requests().costPerSecond(), config.requests().burst(), timer.time()::nanoTime);
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            config.work().threads(),
            config.work().threads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.work().queueCapacity()),
            r -> {
              Thread t = new Thread(r, "rpc-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code body} for {@code client} (its IP) and answers exactly once through {@code reply},
   * from a worker or the timer thread.
   */
  void dispatch(
      String client, byte[] body, Function<String, RpcMethod> local, Consumer<Reply> reply) {
    AtomicBoolean answered = new AtomicBoolean();
    Consumer<Reply> once =
        r -> {
          if (answered.compareAndSet(false, true)) reply.accept(r);
        };
    AtomicReference<JsonNode> parsed = new AtomicReference<>();
    long limit = config.work().callTimeoutMillis();
    long deadline = timer.time().nanoTime() + limit * 1_000_000;
    // a batch past its deadline answers its remaining entries itself at once; the timer is for a
    // call still running, a little later so that it does not race a batch that is finishing
    Scheduler.Cancellable timeout =
        timer.schedule(
            limit + Math.min(1000, limit / 4),
            () -> {
              if (!answered.get()) {
                stats.timedOut.incrementAndGet();
                once.accept(new Reply(OK, processor.timedOut(parsed.get())));
              }
            });
    try {
      workers.execute(
          () -> {
            if (answered.get()) return; // timed out while queued
            once.accept(run(client, body, local, parsed, deadline));
            timeout.cancel();
          });
    } catch (RejectedExecutionException full) {
      timeout.cancel();
      stats.busy.incrementAndGet();
      once.accept(
          new Reply(
              BUSY,
              processor
                  .refused(
                      RpcException.LIMIT_EXCEEDED,
                      "server busy: too many requests in progress; retry later")
                  .response()));
    }
  }

  private Reply run(
      String client,
      byte[] body,
      Function<String, RpcMethod> local,
      AtomicReference<JsonNode> parsed,
      long deadline) {
    return switch (processor.parse(body)) {
      case JsonRpcProcessor.Parsed.Refused r -> new Reply(OK, r.response());
      case JsonRpcProcessor.Parsed.Calls c -> {
        parsed.set(c.root());
        if (c.root().size() > config.requests().maxBatch() && c.root().isArray()) {
          yield new Reply(
              OK,
              processor
                  .refused(
                      RpcException.LIMIT_EXCEEDED,
                      "batch of " + c.root().size() + " exceeds " + config.requests().maxBatch())
                  .response());
        }
        long cost = costs.of(c.root());
        if (cost > config.requests().burst()) {
          stats.rateLimited.incrementAndGet();
          yield refuse(
              "request costs "
                  + cost
                  + ", more than the "
                  + (long) config.requests().burst()
                  + " a client may spend at once; split the batch");
        }
        if (!limiter.tryAcquire(client, cost)) {
          stats.rateLimited.incrementAndGet();
          yield refuse("rate limit exceeded");
        }
        byte[] answer =
            RpcCaller.as(
                client,
                () -> processor.execute(c.root(), local, () -> timer.time().nanoTime() > deadline));
        yield new Reply(OK, answer);
      }
    };
  }

  private Reply refuse(String message) {
    return new Reply(
        TOO_MANY_REQUESTS, processor.refused(RpcException.LIMIT_EXCEEDED, message).response());
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}

package io.levity.node.rpc;

import io.levity.core.time.ThreadScheduler;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link JsonRpcProcessor} over HTTP (POST, batches, CORS for allowed origins) and over
 * WebSocket (the same methods plus eth_subscribe/eth_unsubscribe). The two I/O threads only frame
 * requests; methods run on the {@link RpcDispatcher}'s workers with a deadline, a weighted rate
 * limit and a bounded queue. Bodies over the size limit get 413, clients over their rate 429, and
 * requests that find every worker busy and the queue full 503. Connections are capped and closed
 * when idle; see {@link RpcServerConfig} and docs/security.md (JSON-RPC).
 */
public final class JsonRpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JsonRpcServer.class);

  private final SubscriptionHub subscriptions;
  private final RpcServerConfig config;
  private final RpcStats stats = new RpcStats();
  private final OriginPolicy origins;
  private final ThreadScheduler timer = new ThreadScheduler("rpc-timeouts");
  private final RpcDispatcher dispatcher;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup workers =
      new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final List<Channel> channels = new ArrayList<>();
  private final AtomicLong refusedLogged = new AtomicLong();

  public JsonRpcServer(
      JsonRpcProcessor processor, SubscriptionHub subscriptions, RpcServerConfig config) {
    this(processor, subscriptions, config, MethodCosts.DEFAULT);
  }

  public JsonRpcServer(
      JsonRpcProcessor processor,
      SubscriptionHub subscriptions,
      RpcServerConfig config,
      MethodCosts costs) {
    this.subscriptions = subscriptions;
    this.config = config;
    this.origins = new OriginPolicy(config.allowedOrigins(), config.allowedHosts());
    this.dispatcher = new RpcDispatcher(processor, config, costs, timer, stats);
  }

  /** What the server refused or cut short so far. */
  public RpcStats stats() {
    return stats;
  }

  /** Starts the HTTP endpoint; returns the bound port (pass 0 for any free port). */
  public int startHttp(int port) throws InterruptedException {
    return bind(port, false);
  }

  /** Starts the WebSocket endpoint; returns the bound port. */
  public int startWebSocket(int port) throws InterruptedException {
    return bind(port, true);
  }

  private int bind(int port, boolean websocket) throws InterruptedException {
    int idle = config.connections().idleTimeoutSeconds();
    HttpListener.Guard guard =
        new HttpListener.Guard(
            config.connections().max(),
            websocket ? Math.max(1, idle / 2) : idle,
            config.connections().headerTimeoutMillis(),
            this::refused);
    Channel ch =
        HttpListener.bind(
            boss,
            workers,
            config.host(),
            port,
            config.requests().maxBodyBytes(),
            guard,
            pipeline -> {
              if (websocket) {
                pipeline.addLast(
                    new WsRpcHandler.OriginCheck(origins, stats),
                    new WebSocketServerProtocolHandler(
                        "/", null, true, config.requests().maxBodyBytes()),
                    new WsRpcHandler(
                        dispatcher,
                        subscriptions,
                        stats,
                        config.connections().maxWsBufferedBytes()));
              } else {
                pipeline.addLast(new HttpRpcHandler(dispatcher, origins, stats));
              }
            });
    synchronized (channels) {
      channels.add(ch);
    }
    int bound = HttpListener.port(ch);
    LOG.info(
        "JSON-RPC {} listening on {}:{}", websocket ? "WebSocket" : "HTTP", config.host(), bound);
    return bound;
  }

  private void refused() {
    stats.connectionsRefused.incrementAndGet();
    if (refusedLogged.getAndIncrement() % 1000 == 0)
      LOG.warn("JSON-RPC connection refused: {} open (the limit)", config.connections().max());
  }

  @Override
  public void close() {
    synchronized (channels) {
      for (Channel c : channels) c.close().syncUninterruptibly();
      channels.clear();
    }
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    dispatcher.close();
    timer.close();
  }
}

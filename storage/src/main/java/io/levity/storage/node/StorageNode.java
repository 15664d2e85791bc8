package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node: its key, its {@link ShardStore} and an HTTP server on Netty (protocol in {@link
 * NodeProtocol} and docs/storage.md). On {@link #start} it binds and registers itself on the chain
 * with its endpoint. It trusts no uploader: a shard is stored only if the chain records its file
 * and the bytes verify against the commitment.
 */
public final class StorageNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);

  private final NodeConfig config;
  private final StorageChain chain;
  private final NodeKey key;
  private final ShardStore store;
  private final Semaphore transfers;

  /** Proof-of-storage answers, apart from transfers (see NodeHttpHandler.answerChallenge). */
  private final Semaphore challenges = new Semaphore(4);

  private final AtomicInteger connections = new AtomicInteger();
  private final RequestRateLimiter rateLimiter;

  /**
   * Whether a request from {@code remote} is within its address's rate ({@link
   * NodeConfig#maxRequestsPerSecond}).
   */
  boolean allowRequest(java.net.SocketAddress remote) {
    String key =
        remote instanceof java.net.InetSocketAddress a
            ? a.getAddress().getHostAddress()
            : String.valueOf(remote);
    return rateLimiter.tryAcquire(key);
  }

  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final EventExecutorGroup workers;
  private volatile Channel server;
  private volatile int port;

  private StorageNode(NodeConfig config, StorageChain chain, NodeKey key, ShardStore store) {
    this.config = config;
    this.chain = chain;
    this.key = key;
    this.store = store;
    this.transfers = new Semaphore(config.maxTransfers());
    this.rateLimiter = new RequestRateLimiter(config.maxRequestsPerSecond(), System::nanoTime);
    this.workers = new DefaultEventExecutorGroup(config.workerThreads());
  }

  /**
   * Opens the node's data directory (creating its key on first use); call {@link #start()} to
   * serve.
   */
  public static StorageNode open(NodeConfig config, StorageChain chain) throws IOException {
    NodeKey key = NodeKey.loadOrCreate(config.dataDir());
    ShardStore store = ShardStore.open(config.dataDir());
    return new StorageNode(config, chain, key, store);
  }

  /** Binds, then registers on the chain; returns the bound port. */
  public synchronized int start() throws InterruptedException {
    listen(config.port());
    chain.registerNode(new StorageNodeRecord(nodeId(), endpoint()));
    LOG.info("storage node {} serving on {} (data in {})", nodeId(), endpoint(), config.dataDir());
    return port;
  }

  /**
   * Stops accepting connections and closes the open ones, keeping the store: the node looks down to
   * clients until {@link #resume()}. For maintenance and for tests that take nodes off the network.
   */
  public synchronized void suspend() throws InterruptedException {
    Channel s = server;
    server = null;
    if (s != null) s.close().sync();
    closeChildren();
  }

  /** Serves again on the same port after {@link #suspend()}. */
  public synchronized void resume() throws InterruptedException {
    if (server == null) listen(port);
  }

  private void listen(int p) throws InterruptedException {
    Channel ch =
        new ServerBootstrap()
            .group(boss, io)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    c.pipeline()
                        .addLast(new ConnectionLimit())
                        .addLast(
                            new IdleStateHandler(
                                0, 0, config.idleTimeoutSeconds(), TimeUnit.SECONDS))
                        .addLast(new HttpServerCodec())
                        .addLast(workers, new NodeHttpHandler(StorageNode.this));
                  }
                })
            .bind(config.host(), p)
            .sync()
            .channel();
    server = ch;
    port = ((InetSocketAddress) ch.localAddress()).getPort();
  }

  /**
   * Connections whose pipeline is not yet torn down (removed only once no task of theirs is left
   * anywhere).
   */
  private final java.util.Set<Channel> children =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Closes every connection and waits until their pipelines are gone, so the executors can stop
   * safely.
   */
  private void closeChildren() throws InterruptedException {
    for (Channel c : children) c.close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!children.isEmpty() && System.nanoTime() < deadline) Thread.sleep(5);
    if (!children.isEmpty())
      LOG.warn("{} connections still tearing down after 5 s", children.size());
  }

  /** Refuses connections beyond {@link NodeConfig#maxConnections()} and tracks open ones. */
  private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      children.add(ctx.channel());
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
      children.remove(ctx.channel());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (connections.incrementAndGet() > config.maxConnections()) {
        LOG.warn(
            "refusing connection from {}: {} open, limit {}",
            ctx.channel().remoteAddress(),
            connections.get() - 1,
            config.maxConnections());
        ctx.close();
        return;
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      connections.decrementAndGet();
      super.channelInactive(ctx);
    }
  }

  public Bytes32 nodeId() {
    return key.nodeId();
  }

  public NodeKey key() {
    return key;
  }

  /** {@code host:port} as registered on chain. */
  public String endpoint() {
    return config.advertisedHost() + ":" + port;
  }

  public int port() {
    return port;
  }

  public NodeConfig config() {
    return config;
  }

  public ShardStore store() {
    return store;
  }

  StorageChain chain() {
    return chain;
  }

  Semaphore transfers() {
    return transfers;
  }

  Semaphore challenges() {
    return challenges;
  }

  @Override
  public synchronized void close() {
    try {
      suspend();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // suspend() waited for every connection's pipeline to be torn down (which hops between the I/O
    // loops and the workers), so no task is left to hand from one to the other.
    var b = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var i = io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    b.awaitUninterruptibly();
    i.awaitUninterruptibly();
    w.awaitUninterruptibly();
    store.close();
  }
}

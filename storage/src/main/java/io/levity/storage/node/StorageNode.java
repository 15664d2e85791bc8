package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.net.HeadDeadline;
import io.levity.storage.chain.StorageChain;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storage node: a {@link StorageService} (its key, its {@link ShardStore}, its rules) served over
 * HTTP/1.1 on Netty (protocol in {@link NodeProtocol} and docs/storage.md). On {@link #start} it
 * binds and registers itself on the chain with its endpoint. It trusts no uploader: a shard is
 * stored only if the chain records its file and the bytes verify against the commitment.
 */
public final class StorageNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);

  private final StorageService service;
  private final NodeConfig config;
  private final AtomicInteger connections = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
  private final OpenConnections children = new OpenConnections();
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final EventExecutorGroup workers;
  private volatile Channel server;
  private volatile int port;

  private StorageNode(StorageService service) {
    this.service = service;
    this.config = service.config();
    this.workers = new DefaultEventExecutorGroup(config.workerThreads());
  }

  /**
   * Opens the node's data directory (creating its key on first use); call {@link #start()} to
   * serve.
   */
  public static StorageNode open(NodeConfig config, StorageChain chain) throws IOException {
    return new StorageNode(StorageService.open(config, chain, TimeSource.system()));
  }

  /** Binds, then registers on the chain; returns the bound port. */
  public synchronized int start() throws InterruptedException {
    listen(config.port());
    service.register(endpoint());
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
    children.closeAll();
    if (!children.awaitEmpty(TimeUnit.SECONDS.toNanos(5)))
      LOG.warn("{} connections still tearing down after 5 s", children.size());
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
                    children.add(c);
                    HeadDeadline deadline =
                        new HeadDeadline(TimeUnit.SECONDS.toMillis(config.headerTimeoutSeconds()));
                    c.pipeline()
                        .addLast(new ConnectionLimit())
                        .addLast(
                            new IdleStateHandler(
                                0, 0, config.idleTimeoutSeconds(), TimeUnit.SECONDS))
                        .addLast(deadline.beforeCodec())
                        .addLast(new HttpServerCodec())
                        .addLast(deadline.afterCodec())
                        .addLast(
                            new NodeHttpHandler(service, workers.next(), () -> children.remove(c)));
                  }
                })
            .bind(config.host(), p)
            .sync()
            .channel();
    server = ch;
    port = ((InetSocketAddress) ch.localAddress()).getPort();
  }

  /**
   * Refuses connections beyond {@link NodeConfig#maxConnections()} in all and beyond {@link
   * NodeConfig#maxConnectionsPerAddress()} from one address.
   */
  private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
    private InetAddress address;

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      int all = connections.incrementAndGet();
      address =
          ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
      int mine = address == null ? 1 : perAddress.merge(address, 1, Integer::sum);
      if (all > config.maxConnections() || mine > config.maxConnectionsPerAddress()) {
        LOG.warn(
            "refusing connection from {}: {} open ({} from it), limits {} and {} per address",
            ctx.channel().remoteAddress(),
            all - 1,
            mine - 1,
            config.maxConnections(),
            config.maxConnectionsPerAddress());
        OpenConnections.close(ctx.channel());
        return;
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      connections.decrementAndGet();
      if (address != null) perAddress.computeIfPresent(address, (k, n) -> n == 1 ? null : n - 1);
      super.channelInactive(ctx);
    }
  }

  /** The node id: its Ed25519 public key. */
  public Bytes32 nodeId() {
    return service.nodeId();
  }

  /** {@code host:port} as registered on chain. */
  public String endpoint() {
    return config.advertisedHost() + ":" + port;
  }

  /** The port bound, once started. */
  public int port() {
    return port;
  }

  /** How the node runs. */
  public NodeConfig config() {
    return config;
  }

  /** The node's rules, which this server exposes over HTTP. */
  public StorageService service() {
    return service;
  }

  @Override
  public synchronized void close() {
    try {
      suspend();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // suspend() waited until every connection had run its last step on its worker, so no task is
    // left to hand between the I/O loops and the workers.
    var b = boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var i = io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    var w = workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    b.awaitUninterruptibly();
    i.awaitUninterruptibly();
    w.awaitUninterruptibly();
    service.close();
  }
}

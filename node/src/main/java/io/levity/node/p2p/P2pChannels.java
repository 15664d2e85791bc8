package io.levity.node.p2p;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of a {@link P2pNetwork}: the listening socket, outbound dials and the pipeline of
 * every connection (idle timers, length-prefixed frames, write-buffer watermarks, {@link
 * PeerConnection}); inbound connections over the caps of {@link InboundSlots} are closed at accept.
 */
final class P2pChannels {
  private static final Logger LOG = LoggerFactory.getLogger(P2pChannels.class);

  private final P2pNetwork network;
  private final P2pConfig config;
  private final EventLoopGroup group;
  private final ChannelGroup channels;
  private final InboundSlots inboundSlots;

  P2pChannels(P2pNetwork network, EventLoopGroup group, ChannelGroup channels) {
    this.network = network;
    this.config = network.config();
    this.group = group;
    this.channels = channels;
    this.inboundSlots = new InboundSlots(config.admission());
  }

  /** Binds the listen address. */
  Channel listen() throws InterruptedException {
    return new ServerBootstrap()
        .group(group)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .childHandler(initializer(false, null))
        .bind(config.host(), config.port())
        .sync()
        .channel();
  }

  ChannelFuture dial(PeerAddress address, StaticPeerDialer dialer) {
    return new Bootstrap()
        .group(group)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.handshakeTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .handler(initializer(true, dialer))
        .connect(address.host(), address.port());
  }

  private WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(
        config.flow().writeBufferLow(), config.flow().writeBufferHigh());
  }

  private ChannelInitializer<SocketChannel> initializer(boolean outbound, StaticPeerDialer dialer) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (!outbound) {
          // bounds the handshakes in flight, in total and per address; a full node refuses
          // before spending a signature on anyone
          InetAddress ip = ch.remoteAddress().getAddress();
          if (!inboundSlots.tryAcquire(ip)) {
            LOG.debug("refusing {}: inbound connection limit", ch.remoteAddress());
            ChannelFuture unused = ch.close();
            return;
          }
          ChannelFuture unused = ch.closeFuture().addListener(f -> inboundSlots.release(ip));
        }
        channels.add(ch);
        long ping = config.pingInterval().toMillis();
        ch.pipeline()
            .addLast(
                new IdleStateHandler(3 * ping, ping, 0, TimeUnit.MILLISECONDS),
                // the limit counts the 4-byte length field too; the length field is stripped from
                // the frame
                new LengthFieldBasedFrameDecoder(config.limits().maxFrameBytes() + 4, 0, 4, 0, 4),
                new LengthFieldPrepender(4),
                new PeerConnection(network, network.newHandshake(), outbound, dialer));
      }
    };
  }
}

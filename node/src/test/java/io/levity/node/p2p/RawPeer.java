package io.levity.node.p2p;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Hello;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Random;

/**
 * A hand-driven peer over a blocking socket, for tests that must send what a real node never would.
 */
final class RawPeer implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final P2pCodec codec = new P2pCodec(MessageLimits.defaults());

  RawPeer(int port) throws IOException {
    this(port, 0);
  }

  /** A peer whose socket receive buffer is {@code receiveBuffer} bytes (0: the system's). */
  RawPeer(int port, int receiveBuffer) throws IOException {
    socket = new Socket();
    if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void sendFrame(byte[] payload) throws IOException {
    out.writeInt(payload.length);
    out.write(payload);
    out.flush();
  }

  void send(P2pMessage m) throws IOException {
    sendFrame(codec.encode(m));
  }

  P2pMessage read() throws IOException, P2pDecodeException {
    int len = in.readInt();
    byte[] b = new byte[len];
    in.readFully(b);
    return codec.decode(b);
  }

  /** True once the other side has closed the connection (reads to EOF, skipping frames). */
  boolean closedByPeer() throws IOException {
    try {
      while (true) {
        int len = in.readInt();
        in.skipNBytes(len);
      }
    } catch (EOFException | SocketException e) {
      return true;
    }
  }

  /**
   * Runs the handshake as {@code key} on {@code chainId}: returns null when both sides are
   * authenticated, or the message the server sent instead (its Disconnect). Reads the server's
   * answer to our Hello before writing anything else, so a refusal is read, not lost to a write on
   * a closed socket.
   */
  P2pMessage handshake(Ed25519.KeyPair key, long chainId, Bytes32 genesis) throws Exception {
    Handshake hs =
        new Handshake(key, P2pConfig.PROTOCOL_VERSION, chainId, genesis, 1, new Random(1));
    send(hs.localHello());
    P2pMessage first = read();
    if (!(first instanceof Hello serverHello)) return first;
    P2pMessage second = read();
    if (!(second instanceof Auth serverAuth)) return second;
    send(hs.onHello(serverHello));
    hs.onAuth(serverAuth);
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

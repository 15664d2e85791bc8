package io.levity.cli.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports on 127.0.0.1 for a child process, held open until {@link #close} so that two asks
 * never get the same port. Another process could still take one between close and the child's bind.
 */
public final class LoopbackPorts implements AutoCloseable {
  private final List<ServerSocket> held = new ArrayList<>();

  /** One free port, held. */
  public int one() throws IOException {
    ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    held.add(s);
    return s.getLocalPort();
  }

  /**
   * A first port p such that p .. p + count - 1 are all free, held. The range is taken below the
   * kernel's ephemeral ports (32768 and up on Linux): a node that is down has peers redialling its
   * port, and a redial from an ephemeral port equal to the target port connects to itself (TCP
   * simultaneous open) and would then hold the port the restarted node needs.
   */
  public int range(int count) throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = 20_000 + ThreadLocalRandom.current().nextInt(12_000 - count);
      List<ServerSocket> range = new ArrayList<>();
      try {
        for (int i = 0; i < count; i++)
          range.add(new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress()));
        held.addAll(range);
        return base;
      } catch (IOException taken) {
        closeAll(range);
      }
    }
    throw new IOException("no " + count + " consecutive free ports on 127.0.0.1");
  }

  /** A port free right now, released at once. */
  public static int free() throws IOException {
    try (LoopbackPorts ports = new LoopbackPorts()) {
      return ports.one();
    }
  }

  /** Releases every port held. */
  @Override
  public void close() {
    closeAll(held);
  }

  private static void closeAll(List<ServerSocket> sockets) {
    for (ServerSocket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // a listening socket that cannot be closed is closed with this process
      }
    }
    sockets.clear();
  }
}

package io.levity.cli.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.process.ChildProcess;
import io.levity.cli.process.CommandResult;
import io.levity.cli.process.LevityLauncher;
import io.levity.cli.process.LoopbackPorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network of validators written by {@code levity init}, each a {@code levity node} process on
 * 127.0.0.1, whose every p2p link runs through a {@link TcpProxy} per direction: node i dials node
 * j through proxy (i, j), so cutting the proxies of a node partitions it from all the others while
 * its process and RPC stay up. Needs only the JDK and Jackson (the acceptance tests drive it
 * against the built jar).
 */
public final class ChaosNetwork implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int size;
  private final List<ChildProcess.Launch> launches = new ArrayList<>();
  private final List<ChildProcess> nodes = new ArrayList<>();
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final int httpBase;

  private ChaosNetwork(int size, int httpBase) {
    this.size = size;
    this.httpBase = httpBase;
  }

  /**
   * Writes a network of {@code validators} into {@code dir} with {@code levity init} (run by {@code
   * launcher}), puts a proxy on every link and starts every node (logs in {@code dir/nodeN.log}).
   */
  public static ChaosNetwork start(
      LevityLauncher launcher, Path dir, int validators, long blockTimeMillis) throws IOException {
    int p2p;
    int http;
    try (LoopbackPorts ports = new LoopbackPorts()) {
      p2p = ports.range(validators);
      http = ports.range(2 * validators);
    }
    Path net = dir.resolve("net");
    CommandResult init;
    try {
      init =
          CommandResult.run(
              launcher.command(
                  "init",
                  "--validators",
                  Integer.toString(validators),
                  "--dir",
                  net.toString(),
                  "--p2p-port",
                  Integer.toString(p2p),
                  "--http-port",
                  Integer.toString(http),
                  "--block-time",
                  Long.toString(blockTimeMillis)),
              dir,
              Duration.ofSeconds(60));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the network", e);
    }
    if (init.exitCode() != 0) {
      throw new IOException("levity init failed: " + init.stdout() + init.stderr());
    }
    ChaosNetwork network = new ChaosNetwork(validators, http);
    try {
      network.wire(launcher, dir, net, p2p);
      for (ChildProcess.Launch l : network.launches) network.nodes.add(l.start());
    } catch (IOException | RuntimeException e) {
      network.close();
      throw e;
    }
    return network;
  }

  /** Rewrites each node's peers to go through its own proxy to each other node. */
  private void wire(LevityLauncher launcher, Path dir, Path net, int p2p) throws IOException {
    for (int i = 0; i < size; i++) {
      ArrayNode peers = JSON.createArrayNode();
      for (int j = 0; j < size; j++) {
        TcpProxy link = j == i ? null : new TcpProxy(p2p + j);
        proxies.add(link);
        if (link != null) peers.add("127.0.0.1:" + link.port());
      }
      Path cfg = net.resolve("node" + i).resolve("node.json");
      ObjectNode n = (ObjectNode) JSON.readTree(cfg.toFile());
      n.set("peers", peers);
      JSON.writerWithDefaultPrettyPrinter().writeValue(cfg.toFile(), n);
      launches.add(
          ChildProcess.launch(
                  "node" + i,
                  launcher
                      .withJvmOptions(List.of("--enable-native-access=ALL-UNNAMED"))
                      .command("node", "--config", cfg.toString()),
                  dir.resolve("node" + i + ".log"))
              .appendingLog());
    }
  }

  /** How many nodes. */
  public int size() {
    return size;
  }

  /** Node {@code i}'s JSON-RPC over HTTP. */
  public URI rpcUrl(int i) {
    return URI.create("http://127.0.0.1:" + (httpBase + 2 * i));
  }

  /** Whether node {@code i}'s process runs. */
  public boolean isRunning(int i) {
    return nodes.get(i).isAlive();
  }

  /** Ends node {@code i} with SIGKILL, as a crash would: nothing is flushed, no hook runs. */
  public void kill(int i) {
    nodes.get(i).kill();
  }

  /** Starts node {@code i} again from its data directory (its log goes on in the same file). */
  public void restart(int i) throws IOException {
    nodes.get(i).close();
    nodes.set(i, launches.get(i).start());
  }

  /** Cuts every link of node {@code i}, both ways: its connections drop, new ones are refused. */
  public void isolate(int i) {
    for (TcpProxy p : linksOf(i)) p.cut();
  }

  /** Lets node {@code i}'s links carry traffic again. */
  public void heal(int i) {
    for (TcpProxy p : linksOf(i)) p.heal();
  }

  private List<TcpProxy> linksOf(int node) {
    List<TcpProxy> links = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        TcpProxy p = proxies.get(i * size + j);
        if (p != null && (i == node || j == node)) links.add(p);
      }
    }
    return links;
  }

  /** Every node's log file and last lines, for a failure message. */
  public String logs() {
    StringBuilder sb = new StringBuilder();
    for (ChildProcess n : nodes) sb.append("\n--- ").append(n.log()).append(":\n").append(n.tail());
    return sb.toString();
  }

  /** Stops every node (SIGTERM, then SIGKILL after the grace) and every proxy. */
  @Override
  public void close() {
    for (ChildProcess n : nodes) n.close();
    for (TcpProxy p : proxies) {
      if (p == null) continue;
      try {
        p.close();
      } catch (IOException e) {
        // a proxy's listening socket is closed with this process anyway
      }
    }
  }
}

package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.core.time.TimeSource;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.StorageNode;
import io.levity.storage.node.StorageService;
import io.levity.storage.proof.AnswerTransport;
import io.levity.testing.ManualScheduler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * Storage nodes for a test, on one chain, each known by the endpoint it registered and reached
 * through {@link #transport}, with the time they run in: real {@link StorageNode}s on 127.0.0.1
 * over HTTP with a scheduler thread, or their services in this process over {@link
 * InProcessNodeTransport} in virtual time. Either way the nodes keep real shard stores on disk.
 */
abstract class TestNodes implements AutoCloseable {
  /** The nodes running, by endpoint, in start order. */
  final Map<String, StorageService> services = new LinkedHashMap<>();

  final StorageChain chain;
  final StorageNodeTransport transport;

  /** Where challenge rounds and auditors run. */
  final Scheduler scheduler;

  /** Where challenges wait for their answers; null for a virtual thread each. */
  private final Executor asks;

  TestNodes(
      StorageChain chain, StorageNodeTransport transport, Scheduler scheduler, Executor asks) {
    this.chain = chain;
    this.transport = transport;
    this.scheduler = scheduler;
    this.asks = asks;
  }

  /** Opens and starts a node; returns the endpoint it registered. */
  abstract String start(NodeConfig config) throws Exception;

  /** Takes a node off the network, keeping it and its data, or brings it back. */
  abstract void reachable(String endpoint, boolean reachable) throws Exception;

  /** Stops a node for good (its data stays for a restart under a new endpoint). */
  void stop(String endpoint) {
    StorageService s = services.remove(endpoint);
    if (s != null) halt(endpoint, s);
  }

  /** Closes the node at {@code endpoint} and takes it off the network. */
  abstract void halt(String endpoint, StorageService service);

  /** Lets time pass (virtual or real) until {@code condition} holds, or fails the test. */
  abstract void awaitUntil(BooleanSupplier condition) throws Exception;

  void down(String endpoint) throws Exception {
    reachable(endpoint, false);
  }

  void up(String endpoint) throws Exception {
    reachable(endpoint, true);
  }

  /** How challenges reach the nodes. */
  AnswerTransport answers() {
    return new NodeAnswerTransport(transport, asks);
  }

  StorageService service(String endpoint) {
    StorageService s = services.get(endpoint);
    if (s == null) throw new IllegalArgumentException("no node at " + endpoint);
    return s;
  }

  Bytes32 nodeId(String endpoint) {
    return service(endpoint).nodeId();
  }

  /** Where shard {@code index} of {@code root} is on the node's disk. */
  Path shardFile(String endpoint, Bytes32 root, int index) {
    return service(endpoint)
        .config()
        .dataDir()
        .resolve("shards")
        .resolve(root.toHex().substring(2))
        .resolve(index + ".shard");
  }

  @Override
  public void close() {
    for (String endpoint : services.keySet().toArray(String[]::new)) stop(endpoint);
  }

  static TestNodes http(StorageChain chain) {
    return new Http(chain);
  }

  static TestNodes inProcess(StorageChain chain) {
    return new InProcess(chain, new InProcessNodeTransport(), new ManualScheduler());
  }

  /** Real nodes on loopback sockets, in real time. */
  private static final class Http extends TestNodes {
    private final Map<String, StorageNode> nodes = new LinkedHashMap<>();

    Http(StorageChain chain) {
      super(chain, new HttpNodeClient(), new ThreadScheduler("test-nodes"), null);
    }

    @Override
    String start(NodeConfig config) throws Exception {
      StorageNode n = StorageNode.open(config, chain);
      n.start();
      nodes.put(n.endpoint(), n);
      services.put(n.endpoint(), n.service());
      return n.endpoint();
    }

    @Override
    void reachable(String endpoint, boolean reachable) throws Exception {
      if (reachable) nodes.get(endpoint).resume();
      else nodes.get(endpoint).suspend();
    }

    @Override
    void halt(String endpoint, StorageService service) {
      nodes.remove(endpoint).close();
    }

    @Override
    void awaitUntil(BooleanSupplier condition) throws InterruptedException {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
      assertThat(condition.getAsBoolean()).as("within 60 s").isTrue();
    }

    @Override
    public void close() {
      super.close();
      ((ThreadScheduler) scheduler).close();
    }
  }

  /**
   * The same nodes' services called in this process; challenges are answered at once on the
   * caller's thread, so timers and answers all run as the test advances virtual time.
   */
  private static final class InProcess extends TestNodes {
    private final InProcessNodeTransport nodes;
    private final ManualScheduler clock;
    private int started;

    InProcess(StorageChain chain, InProcessNodeTransport nodes, ManualScheduler clock) {
      super(chain, nodes, clock, Runnable::run);
      this.nodes = nodes;
      this.clock = clock;
    }

    @Override
    String start(NodeConfig config) throws Exception {
      StorageService s = StorageService.open(config, chain, TimeSource.system());
      String endpoint = "in-process:" + started++;
      nodes.attach(endpoint, s);
      services.put(endpoint, s);
      return endpoint;
    }

    @Override
    void reachable(String endpoint, boolean reachable) {
      nodes.setReachable(endpoint, reachable);
    }

    @Override
    void halt(String endpoint, StorageService service) {
      nodes.detach(endpoint);
      service.close();
    }

    @Override
    void awaitUntil(BooleanSupplier condition) {
      for (int step = 0; step < 60_000 && !condition.getAsBoolean(); step++) clock.advance(10);
      assertThat(condition.getAsBoolean()).as("within 10 minutes of virtual time").isTrue();
    }
  }
}

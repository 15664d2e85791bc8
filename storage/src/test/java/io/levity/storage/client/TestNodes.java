package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.StorageNode;
import io.levity.storage.node.StorageService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Storage nodes for a test, on one chain, each known by the endpoint it registered and reached
 * through {@link #transport()}: real {@link StorageNode}s on 127.0.0.1 over HTTP, or their services
 * in this process over {@link InProcessNodeTransport}. Either way the nodes keep real shard stores
 * on disk.
 */
abstract class TestNodes implements AutoCloseable {
  /** The nodes running, by endpoint, in start order. */
  final Map<String, StorageService> services = new LinkedHashMap<>();

  final StorageChain chain;

  TestNodes(StorageChain chain) {
    this.chain = chain;
  }

  /** How a client reaches the nodes. */
  abstract StorageNodeTransport transport();

  /** Opens and starts a node; returns the endpoint it registered. */
  abstract String start(NodeConfig config) throws Exception;

  /** Takes a node off the network, keeping it and its data. */
  abstract void down(String endpoint) throws Exception;

  /** Brings a node taken down back at the same endpoint. */
  abstract void up(String endpoint) throws Exception;

  /** Stops a node for good (its data stays for a restart under a new endpoint). */
  abstract void stop(String endpoint);

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
    return new InProcess(chain);
  }

  /** Real nodes on loopback sockets. */
  private static final class Http extends TestNodes {
    private final HttpNodeClient client = new HttpNodeClient();
    private final Map<String, StorageNode> nodes = new LinkedHashMap<>();

    Http(StorageChain chain) {
      super(chain);
    }

    @Override
    StorageNodeTransport transport() {
      return client;
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
    void down(String endpoint) throws Exception {
      nodes.get(endpoint).suspend();
    }

    @Override
    void up(String endpoint) throws Exception {
      nodes.get(endpoint).resume();
    }

    @Override
    void stop(String endpoint) {
      StorageNode n = nodes.remove(endpoint);
      services.remove(endpoint);
      if (n != null) n.close();
    }
  }

  /** The same nodes' services, called in this process. */
  private static final class InProcess extends TestNodes {
    private final InProcessNodeTransport transport = new InProcessNodeTransport();
    private int started;

    InProcess(StorageChain chain) {
      super(chain);
    }

    @Override
    StorageNodeTransport transport() {
      return transport;
    }

    @Override
    String start(NodeConfig config) throws Exception {
      StorageService s = StorageService.open(config, chain, TimeSource.system());
      String endpoint = "in-process:" + started++;
      transport.attach(endpoint, s);
      services.put(endpoint, s);
      return endpoint;
    }

    @Override
    void down(String endpoint) {
      transport.setReachable(endpoint, false);
    }

    @Override
    void up(String endpoint) {
      transport.setReachable(endpoint, true);
    }

    @Override
    void stop(String endpoint) {
      transport.detach(endpoint);
      StorageService s = services.remove(endpoint);
      if (s != null) s.close();
    }
  }
}

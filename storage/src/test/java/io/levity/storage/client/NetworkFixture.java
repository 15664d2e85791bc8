package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage network for a test suite that runs over every transport: a chain, nodes on it ({@link
 * TestNodes}, made by the concrete class), clients, files. Suites extend it; each transport's class
 * extends the suite and says which nodes.
 */
abstract class NetworkFixture {
  static final int SEG = ShardLayout.SEGMENT_SIZE;

  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  TestNodes nodes;
  private final List<StorageClient> clients = new ArrayList<>();
  private int made;

  /** The nodes under test, on {@code chain}. */
  abstract TestNodes newNodes(InMemoryStorageChain chain);

  @BeforeEach
  void openNetwork() {
    nodes = newNodes(chain);
  }

  @AfterEach
  void closeNetwork() {
    clients.forEach(StorageClient::close);
    nodes.close();
  }

  /**
   * Starts {@code count} nodes with default settings, except that they do not seal (only the sealed
   * tests need replicas); returns their endpoints.
   */
  List<String> startNodes(int count) throws Exception {
    return startNodes(count, c -> c.withSeal(false));
  }

  List<String> startNodes(int count, UnaryOperator<NodeConfig> configure) throws Exception {
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path data = dir.resolve("node" + made++);
      endpoints.add(nodes.start(configure.apply(NodeConfig.defaults(data, 0))));
    }
    return endpoints;
  }

  /** A client of the nodes (closed after the test). */
  StorageClient client(boolean repairOnDownload) {
    StorageClient c =
        new StorageClient(
            chain,
            nodes.transport,
            ReedSolomon.defaultCode(),
            StorageClient.Config.defaults()
                .withWorkDir(dir.resolve("work"))
                .withRepairOnDownload(repairOnDownload));
    clients.add(c);
    return c;
  }

  /** A file of {@code length} random bytes. */
  Path file(int length, long seed) throws Exception {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    Path p = dir.resolve("file-" + seed);
    Files.write(p, data);
    return p;
  }

  /** The root a file will have under the default code. */
  static Bytes32 rootOf(Path file) throws Exception {
    return new ShardEncoder(ReedSolomon.defaultCode())
        .encode(Files.readAllBytes(file))
        .file()
        .fileRoot();
  }

  FilePlacement placement(Bytes32 root) {
    return Placement.of(root, 9, chain.nodes());
  }
}

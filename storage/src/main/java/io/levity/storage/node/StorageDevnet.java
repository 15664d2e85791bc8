package io.levity.storage.node;

import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.StorageChain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local storage network in this process: n storage nodes on 127.0.0.1 (node i in {@code
 * DIR/storage/node<i>}, on {@code firstPort + i}, or free ports when firstPort is 0), registered on
 * a chain, and the network file {@code DIR/storage.json} that clients read. Close it to stop the
 * nodes (their data stays for the next start).
 *
 * @param nodes the nodes, node i at index i
 * @param networkFile the network file written for clients
 * @param chain the chain the nodes registered on
 */
public record StorageDevnet(List<StorageNode> nodes, Path networkFile, StorageChain chain)
    implements AutoCloseable {
  public StorageDevnet {
    nodes = List.copyOf(nodes);
  }

  /** Starts {@code count} nodes on a {@link FileStorageChain} in {@code DIR/storage/chain.json}. */
  public static StorageDevnet start(Path dir, int count, int firstPort)
      throws IOException, InterruptedException {
    FileStorageChain chain = FileStorageChain.open(dir.resolve("storage").resolve("chain.json"));
    return start(dir, count, firstPort, chain);
  }

  /**
   * Starts {@code count} nodes on {@code chain}, which must be a {@link FileStorageChain} to be
   * named in the file.
   */
  public static StorageDevnet start(Path dir, int count, int firstPort, StorageChain chain)
      throws IOException, InterruptedException {
    if (!(chain instanceof FileStorageChain f)) {
      throw new IllegalArgumentException(
          "pass a NetworkFile.ChainSpec saying how clients reach this chain");
    }
    return start(dir, count, firstPort, chain, new NetworkFile.FileChain(f.path()));
  }

  /** Starts {@code count} nodes on {@code chain}; the network file names it as {@code spec}. */
  public static StorageDevnet start(
      Path dir, int count, int firstPort, StorageChain chain, NetworkFile.ChainSpec spec)
      throws IOException, InterruptedException {
    return start(dir, count, firstPort, chain, spec, NodeConfig.DEFAULT_MAX_SHARD_BYTES);
  }

  /** As above, with the nodes' largest accepted shard. */
  public static StorageDevnet start(
      Path dir,
      int count,
      int firstPort,
      StorageChain chain,
      NetworkFile.ChainSpec spec,
      long maxShardBytes)
      throws IOException, InterruptedException {
    if (count < 1 || count > 255)
      throw new IllegalArgumentException("nodes must be in 1..255: " + count);
    List<StorageNode> nodes = new ArrayList<>();
    try {
      List<NetworkFile.NodeEntry> entries = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Path data = dir.resolve("storage").resolve("node" + i);
        NodeConfig config =
            NodeConfig.defaults(data, firstPort == 0 ? 0 : firstPort + i)
                .withMaxShardBytes(maxShardBytes);
        StorageNode node = StorageNode.open(config, chain);
        nodes.add(node);
        node.start();
        entries.add(new NetworkFile.NodeEntry(node.nodeId(), node.endpoint(), data));
      }
      Path file = dir.resolve("storage.json");
      new NetworkFile(spec, 6, 3, entries).write(file);
      return new StorageDevnet(nodes, file, chain);
    } catch (IOException | InterruptedException | RuntimeException e) {
      for (StorageNode n : nodes) n.close();
      throw e;
    }
  }

  @Override
  public void close() {
    for (StorageNode n : nodes) n.close();
  }
}

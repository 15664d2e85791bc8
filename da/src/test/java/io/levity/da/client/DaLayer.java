package io.levity.da.client;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.da.chain.InMemoryDaChain;
import io.levity.da.node.CellStore;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.DaNodeService;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.node.FaultyCellStore;
import io.levity.da.node.InProcessDaNodes;
import io.levity.da.node.NodeFaults;
import io.levity.da.node.RocksDbCellStore;
import io.levity.testing.ManualScheduler;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole DA layer in one process: the contract's rules in memory, {@code n} DA nodes of equal
 * stake on RocksDB (each optionally misbehaving), reached in process, and a client; the nodes are
 * active from epoch 1, the current epoch.
 */
final class DaLayer implements AutoCloseable {
  final InMemoryDaChain chain = new InMemoryDaChain();
  final InProcessDaNodes transport = new InProcessDaNodes();
  final List<BlsKeyPair> keys = new ArrayList<>();
  final ManualScheduler scheduler = new ManualScheduler();
  private final List<CellStore> stores = new ArrayList<>();
  private final Path dir;

  DaLayer(Path dir, int n, Map<Integer, NodeFaults> faults) throws IOException {
    this.dir = dir;
    for (int i = 0; i < n; i++) {
      BlsKeyPair k = Bls.fromSeed(Bytes32.leftPad(Bytes.of((byte) 1, (byte) i)));
      keys.add(k);
      chain.register(k, endpoint(i), BigInteger.TEN);
    }
    chain.advanceEpoch();
    for (int i = 0; i < n; i++) {
      CellStore store = RocksDbCellStore.open(dir.resolve("node" + i));
      stores.add(store);
      NodeFaults f = faults.getOrDefault(i, NodeFaults.none());
      if (!f.equals(NodeFaults.none())) store = new FaultyCellStore(store, f);
      transport.add(
          endpoint(i),
          new DaNodeService(keys.get(i), i, chain, store, DaNodeLimits.defaults(), scheduler));
    }
  }

  static String endpoint(int i) {
    return "http://127.0.0.1:" + (8900 + i);
  }

  DaClient client() {
    return client(transport);
  }

  DaClient client(DaNodeTransport via) {
    return new DaClient(
        chain,
        via,
        new DaClientSettings(1L << 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(1), 256),
        new DispersalJournal(dir.resolve("journal")),
        scheduler);
  }

  @Override
  public void close() {
    for (CellStore s : stores) s.close();
  }
}

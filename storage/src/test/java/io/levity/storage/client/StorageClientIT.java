package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NodeConfig;
import io.levity.storage.node.StorageNode;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against real storage nodes on loopback sockets: loss of nodes, corruption, fallback,
 * repair.
 */
class StorageClientIT {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  final List<StorageNode> nodes = new ArrayList<>();
  StorageClient client;

  @AfterEach
  void tearDown() {
    if (client != null) client.close();
    for (StorageNode n : nodes) n.close();
  }

  void startNodes(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      StorageNode n = StorageNode.open(NodeConfig.defaults(dir.resolve("node" + i), 0), chain);
      n.start();
      nodes.add(n);
    }
  }

  StorageClient client(boolean repairOnDownload) {
    client =
        new StorageClient(
            chain,
            new HttpNodeClient(),
            ReedSolomon.defaultCode(),
            StorageClient.Config.defaults()
                .withWorkDir(dir.resolve("work"))
                .withRepairOnDownload(repairOnDownload));
    return client;
  }

  Path file(int length, long seed) throws Exception {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    Path p = dir.resolve("file-" + seed);
    Files.write(p, data);
    return p;
  }

  StorageNode nodeAt(String endpoint) {
    return nodes.stream().filter(n -> n.endpoint().equals(endpoint)).findFirst().orElseThrow();
  }

  FilePlacement placement(Bytes32 root) {
    return Placement.of(root, 9, chain.nodes());
  }

  @Test
  void aFileSurvivesTheLossOfAnyThreeOfItsNineNodes() throws Exception {
    startNodes(9);
    client(false);
    Path file = file(SEG + 4321, 1);
    UploadResult up = client.upload(file, ProgressListener.NONE);
    assertThat(up.complete()).isTrue();
    FilePlacement placement = placement(up.fileRoot());
    for (int i = 0; i < 9; i++)
      assertThat(up.placed().get(i)).isEqualTo(placement.primary(i).orElseThrow().endpoint());
    byte[] expected = Files.readAllBytes(file);
    int subsets = 0;
    for (int mask = 0; mask < 1 << 9; mask++) {
      if (Integer.bitCount(mask) != 3) continue;
      List<StorageNode> down = new ArrayList<>();
      for (int i = 0; i < 9; i++) if ((mask & (1 << i)) != 0) down.add(nodeAt(up.placed().get(i)));
      for (StorageNode n : down) n.suspend();
      Path out = dir.resolve("out");
      DownloadResult r = client.download(up.fileRoot(), out, ProgressListener.NONE);
      assertThat(Files.readAllBytes(out))
          .as("shards %s down", Integer.toBinaryString(mask))
          .isEqualTo(expected);
      for (int i = 0; i < 9; i++) {
        if ((mask & (1 << i)) != 0) assertThat(r.usedShards()).doesNotContain(i);
      }
      assertThat(r.usedShards()).hasSize(6);
      for (StorageNode n : down) n.resume();
      subsets++;
    }
    assertThat(subsets).isEqualTo(84);
    // One more node down than the code tolerates: a clear failure, and nothing written.
    for (int i = 0; i < 4; i++) nodeAt(up.placed().get(i)).suspend();
    Path out = dir.resolve("never");
    assertThatThrownBy(() -> client.download(up.fileRoot(), out, ProgressListener.NONE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("only 5 of the 6 shards needed");
    assertThat(out).doesNotExist();
  }

  @Test
  void aShardCorruptedOnDiskIsDetectedOnDownloadAndRepaired() throws Exception {
    startNodes(9);
    client(true);
    Path file = file(7 * SEG + 5, 2);
    UploadResult up = client.upload(file, ProgressListener.NONE);
    StorageNode holder = nodeAt(up.placed().get(2));
    Path onDisk =
        holder
            .config()
            .dataDir()
            .resolve("shards")
            .resolve(up.fileRoot().toHex().substring(2))
            .resolve("2.shard");
    byte[] good = Files.readAllBytes(onDisk);
    byte[] bad = good.clone();
    bad[SEG + 77] ^= 0x10;
    Files.write(onDisk, bad);

    Path out = dir.resolve("out");
    DownloadResult r = client.download(up.fileRoot(), out, ProgressListener.NONE);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(file));
    assertThat(r.bad()).containsOnlyKeys(2);
    assertThat(r.bad().get(2)).startsWith("corrupt");
    assertThat(r.usedShards()).doesNotContain(2).hasSize(6);
    assertThat(r.repair()).isNotNull();
    assertThat(r.repair().repaired()).containsExactly(Map.entry(2, holder.endpoint()));
    assertThat(Files.readAllBytes(onDisk)).isEqualTo(good);
    FileStatus status = client.status(up.fileRoot());
    assertThat(status.healthy()).isTrue();
  }

  @Test
  void aDownPrimaryIsReplacedByASpareAndRepairRestoresLostShards() throws Exception {
    startNodes(11); // 9 primaries and 2 spares per file
    client(false);
    Path file = file(3 * SEG, 3);
    Bytes32 root =
        new ShardEncoder(ReedSolomon.defaultCode())
            .encode(Files.readAllBytes(file))
            .file()
            .fileRoot();
    FilePlacement placement = placement(root);
    StorageNodeRecord spare0 = placement.spares().get(0);
    StorageNodeRecord spare1 = placement.spares().get(1);
    StorageNode downPrimary = nodeAt(placement.primary(3).orElseThrow().endpoint());
    downPrimary.suspend();

    UploadResult up = client.upload(file, ProgressListener.NONE);
    assertThat(up.complete()).isTrue();
    assertThat(up.placed().get(3)).isEqualTo(spare0.endpoint());
    downPrimary.resume();
    FileStatus status = client.status(root);
    assertThat(status.healthy()).isTrue();
    assertThat(status.shards().get(3).endpoint()).isEqualTo(spare0.endpoint());
    assertThat(status.shards().get(3).detail()).contains("fallback");

    // Lose the node with shard 5 and the one with shard 7's data (deleted shard): status sees it,
    // repair rebuilds.
    nodeAt(up.placed().get(5)).suspend();
    Path shard7 =
        nodeAt(up.placed().get(7))
            .config()
            .dataDir()
            .resolve("shards")
            .resolve(root.toHex().substring(2))
            .resolve("7.shard");
    Files.write(shard7, new byte[0]);
    FileStatus broken = client.status(root);
    assertThat(broken.shards().get(5).health()).isEqualTo(ShardState.Health.MISSING);
    assertThat(broken.shards().get(5).detail()).contains("unreachable");
    assertThat(broken.shards().get(7).health()).isEqualTo(ShardState.Health.CORRUPT);
    assertThat(broken.readable()).isTrue();
    assertThat(broken.healthy()).isFalse();

    RepairResult repair = client.repair(root);
    assertThat(repair.failed()).isEmpty();
    // Shard 5's primary is down: it goes to the spare that holds nothing of the file; 7 goes back
    // to its primary.
    assertThat(repair.repaired())
        .containsOnly(
            Map.entry(5, spare1.endpoint()),
            Map.entry(7, placement.primary(7).orElseThrow().endpoint()));
    assertThat(client.status(root).healthy()).isTrue();
    Path out = dir.resolve("out");
    client.download(root, out, ProgressListener.NONE);
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(file));
  }

  @Test
  void uploadReportsShardsNoNodeCouldTakeAndProgress() throws Exception {
    startNodes(9);
    client(false);
    Path file = file(2 * SEG, 4);
    Bytes32 root =
        new ShardEncoder(ReedSolomon.defaultCode())
            .encode(Files.readAllBytes(file))
            .file()
            .fileRoot();
    nodeAt(placement(root).primary(8).orElseThrow().endpoint()).suspend();
    List<String> phases = java.util.Collections.synchronizedList(new ArrayList<>());
    long[] last = new long[2];
    UploadResult up =
        client.upload(
            file,
            (phase, done, total) -> {
              phases.add(phase);
              if (phase.equals("upload")) {
                last[0] = Math.max(last[0], done);
                last[1] = total;
              }
            });
    assertThat(up.complete()).isFalse();
    assertThat(up.unplaced()).containsOnlyKeys(8);
    assertThat(up.unplaced().get(8)).contains("unreachable").contains("no spare nodes");
    assertThat(phases).contains("encode", "upload");
    assertThat(last[0]).isEqualTo(8L * SEG); // 8 shards of one segment each went out
    assertThat(last[1]).isEqualTo(9L * SEG);
    assertThat(client.status(root).count(ShardState.Health.MISSING)).isEqualTo(1);
  }
}

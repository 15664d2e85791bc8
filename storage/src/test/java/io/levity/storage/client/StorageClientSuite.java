package io.levity.storage.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.placement.FilePlacement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the storage client does on a network of nodes, whatever the transport: loss of nodes,
 * corruption, fallback, repair, refusals. {@link StorageClientTest} runs it in process, {@link
 * StorageClientIT} over HTTP on loopback sockets.
 */
abstract class StorageClientSuite extends NetworkFixture {
  @Test
  void aFileSurvivesTheLossOfAnyThreeOfItsNineNodes() throws Exception {
    startNodes(9);
    StorageClient client = client(false);
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
      List<String> down = new ArrayList<>();
      for (int i = 0; i < 9; i++) if ((mask & (1 << i)) != 0) down.add(up.placed().get(i));
      for (String n : down) nodes.down(n);
      Path out = dir.resolve("out");
      DownloadResult r = client.download(up.fileRoot(), out, ProgressListener.NONE);
      assertThat(Files.readAllBytes(out))
          .as("shards %s down", Integer.toBinaryString(mask))
          .isEqualTo(expected);
      for (int i = 0; i < 9; i++) {
        if ((mask & (1 << i)) != 0) assertThat(r.usedShards()).doesNotContain(i);
      }
      assertThat(r.usedShards()).hasSize(6);
      for (String n : down) nodes.up(n);
      subsets++;
    }
    assertThat(subsets).isEqualTo(84);
    // One more node down than the code tolerates: a clear failure, and nothing written.
    for (int i = 0; i < 4; i++) nodes.down(up.placed().get(i));
    Path out = dir.resolve("never");
    assertThatThrownBy(() -> client.download(up.fileRoot(), out, ProgressListener.NONE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("only 5 of the 6 shards needed");
    assertThat(out).doesNotExist();
  }

  @Test
  void aShardCorruptedOnDiskIsDetectedOnDownloadAndRepaired() throws Exception {
    startNodes(9);
    StorageClient client = client(true);
    Path file = file(7 * SEG + 5, 2);
    UploadResult up = client.upload(file, ProgressListener.NONE);
    String holder = up.placed().get(2);
    Path onDisk = nodes.shardFile(holder, up.fileRoot(), 2);
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
    assertThat(r.repair().repaired()).containsExactly(Map.entry(2, holder));
    assertThat(Files.readAllBytes(onDisk)).isEqualTo(good);
    FileStatus status = client.status(up.fileRoot());
    assertThat(status.healthy()).isTrue();
  }

  @Test
  void aDownPrimaryIsReplacedByASpareAndRepairRestoresLostShards() throws Exception {
    startNodes(11); // 9 primaries and 2 spares per file
    StorageClient client = client(false);
    Path file = file(3 * SEG, 3);
    Bytes32 root = rootOf(file);
    FilePlacement placement = placement(root);
    StorageNodeRecord spare0 = placement.spares().get(0);
    StorageNodeRecord spare1 = placement.spares().get(1);
    String downPrimary = placement.primary(3).orElseThrow().endpoint();
    nodes.down(downPrimary);

    UploadResult up = client.upload(file, ProgressListener.NONE);
    assertThat(up.complete()).isTrue();
    assertThat(up.placed().get(3)).isEqualTo(spare0.endpoint());
    nodes.up(downPrimary);
    FileStatus status = client.status(root);
    assertThat(status.healthy()).isTrue();
    assertThat(status.shards().get(3).endpoint()).isEqualTo(spare0.endpoint());
    assertThat(status.shards().get(3).detail()).contains("fallback");

    // Lose the node with shard 5 and the one with shard 7's data (deleted shard): status sees it,
    // repair rebuilds.
    nodes.down(up.placed().get(5));
    Files.write(nodes.shardFile(up.placed().get(7), root, 7), new byte[0]);
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
    StorageClient client = client(false);
    Path file = file(2 * SEG, 4);
    Bytes32 root = rootOf(file);
    nodes.down(placement(root).primary(8).orElseThrow().endpoint());
    List<String> phases = Collections.synchronizedList(new ArrayList<>());
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

  @Test
  void shardsEveryNodeRefusesFailTheUploadWithTheNodesReasons() throws Exception {
    startNodes(10, c -> c.withMaxShardBytes(SEG));
    StorageClient client = client(false);
    Path file = file(7 * SEG, 5); // two segment groups: shards of 2 segments, over the limit
    assertThatThrownBy(() -> client.upload(file, ProgressListener.NONE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("only 0 of 9 shards")
        .hasMessageContaining("too_large")
        .hasMessageContaining("at most " + SEG);
    Bytes32 root = rootOf(file);
    assertThatThrownBy(() -> client.download(root, dir.resolve("out"), ProgressListener.NONE))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot read " + root)
        .hasMessageContaining("shard 0 missing (")
        .hasMessageContaining("(primary): not_found");
  }
}

package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.time.TimeSource;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.shard.ShardLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node takes only shards placement assigns to it, of files the chain records, while its capacity
 * lasts: a stranger cannot fill its disk with PUTs.
 */
class UploadPolicyTest {
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  StorageService service;

  @AfterEach
  void close() {
    if (service != null) service.close();
  }

  private StorageService open(NodeConfig config) throws Exception {
    service = StorageService.open(config, chain, TimeSource.system());
    return service;
  }

  private static Bytes32 h(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private Submission file(String label) {
    return chain.submit(
        new Submission(h(label), 1000, 6, 3, h("commitment " + label), Bytes32.ZERO));
  }

  private static long body(Submission s) {
    return ShardUpload.bodyLength(new ShardLayout(6, 3, s.length()));
  }

  private static NodeErrorCode refusal(ThrowingUpload u) {
    try {
      u.run();
    } catch (NodeError e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return null;
  }

  private interface ThrowingUpload {
    void run() throws Exception;
  }

  @Test
  void aNodeNotOnChainTakesNothing() throws Exception {
    StorageService s = open(NodeConfig.defaults(dir.resolve("n"), 0));
    Submission f = file("unregistered");
    assertThat(refusal(() -> s.beginUpload(f.fileRoot(), 0, body(f))))
        .isEqualTo(NodeErrorCode.NOT_ASSIGNED);
  }

  @Test
  void onlyItsPrimaryShardOrASpareSlotIsAccepted() throws Exception {
    StorageService s = open(NodeConfig.defaults(dir.resolve("n"), 0));
    s.register("127.0.0.1:1");
    for (int i = 0; i < 40; i++)
      chain.registerNode(
          Ed25519.KeyPair.fromSeed(h("other " + i).toArray()), "127.0.0.1:" + (i + 2));
    // Files where this node ranks as the primary of shard 2, and where it ranks past the spares.
    Submission primary = null;
    Submission outside = null;
    for (int i = 0; (primary == null || outside == null) && i < 10_000; i++) {
      Submission f = new Submission(h("f" + i), 1000, 6, 3, h("c" + i), Bytes32.ZERO);
      FilePlacement p = Placement.of(f.fileRoot(), 9, chain.nodes());
      int rank = p.ranking().stream().map(StorageNodeRecord::nodeId).toList().indexOf(s.nodeId());
      if (rank == 2 && primary == null) primary = chain.submit(f);
      if (rank >= 18 && outside == null) outside = chain.submit(f);
    }
    Submission p = primary;
    Submission o = outside;
    assertThat(refusal(() -> s.beginUpload(p.fileRoot(), 3, body(p))))
        .as("shard 3 belongs to another primary")
        .isEqualTo(NodeErrorCode.NOT_ASSIGNED);
    assertThat(refusal(() -> s.beginUpload(o.fileRoot(), 0, body(o))))
        .as("ranked past primaries and spares")
        .isEqualTo(NodeErrorCode.NOT_ASSIGNED);
    UploadStart ok = s.beginUpload(p.fileRoot(), 2, body(p));
    assertThat(ok).isInstanceOf(UploadStart.Receiving.class);
    ((UploadStart.Receiving) ok).upload().close();
  }

  @Test
  void aFullNodeRefusesWithAClearErrorAndFreesSpaceOfAbortedUploads() throws Exception {
    long shard = new ShardLayout(6, 3, 1000).shardSize();
    StorageService s = open(NodeConfig.defaults(dir.resolve("n"), 0).withCapacityBytes(shard));
    s.register("127.0.0.1:1");
    Submission a = file("a");
    UploadStart first = s.beginUpload(a.fileRoot(), 0, body(a));
    assertThat(first).isInstanceOf(UploadStart.Receiving.class);
    assertThatThrownBy(() -> s.beginUpload(a.fileRoot(), 1, body(a)))
        .isInstanceOfSatisfying(
            NodeError.class, e -> assertThat(e.code()).isEqualTo(NodeErrorCode.FULL))
        .hasMessageContaining("this node is full")
        .hasMessageContaining("capacity of " + shard);
    assertThat(NodeErrorCode.FULL.status()).isEqualTo(507);
    ((UploadStart.Receiving) first).upload().close(); // aborted: its reservation is given back
    UploadStart again = s.beginUpload(a.fileRoot(), 1, body(a));
    assertThat(again).isInstanceOf(UploadStart.Receiving.class);
    ((UploadStart.Receiving) again).upload().close();
  }
}

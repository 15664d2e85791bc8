package io.levity.storage.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.storage.chain.StorageNodeRecord;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlacementTest {
  static List<StorageNodeRecord> nodes(int n) {
    List<StorageNodeRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new StorageNodeRecord(Keccak.hash(new byte[] {(byte) i}), "127.0.0.1:" + (9000 + i)));
    }
    return out;
  }

  @Test
  void rankingIsByKeccakOfFileRootAndNodeIdAndIgnoresInputOrder() {
    Bytes32 root = Keccak.hash(new byte[] {42});
    List<StorageNodeRecord> nodes = nodes(12);
    FilePlacement p = Placement.of(root, 9, nodes);
    // Independent check: sort by the score bytes as an unsigned big-endian number.
    List<StorageNodeRecord> expected = new ArrayList<>(nodes);
    expected.sort(
        (a, b) ->
            new BigInteger(1, scoreOf(root, a)).compareTo(new BigInteger(1, scoreOf(root, b))));
    assertThat(p.ranking()).isEqualTo(expected);
    for (long seed = 0; seed < 5; seed++) {
      List<StorageNodeRecord> shuffled = new ArrayList<>(nodes);
      Collections.shuffle(shuffled, new Random(seed));
      assertThat(Placement.of(root, 9, shuffled)).isEqualTo(p);
    }
    for (int i = 0; i < 9; i++) assertThat(p.primary(i)).contains(expected.get(i));
    assertThat(p.spares()).isEqualTo(expected.subList(9, 12));
  }

  static byte[] scoreOf(Bytes32 root, StorageNodeRecord n) {
    byte[] in = new byte[64];
    System.arraycopy(root.toArray(), 0, in, 0, 32);
    System.arraycopy(n.nodeId().toArray(), 0, in, 32, 32);
    return Keccak.hash256(in);
  }

  @Test
  void differentFilesSpreadOverDifferentNodes() {
    List<StorageNodeRecord> nodes = nodes(30);
    int[] primaryCount = new int[30];
    for (int f = 0; f < 300; f++) {
      FilePlacement p = Placement.of(Keccak.hash(new byte[] {(byte) f, 1}), 9, nodes);
      for (int i = 0; i < 9; i++) primaryCount[nodes.indexOf(p.primary(i).orElseThrow())]++;
    }
    // 2700 placements over 30 nodes: 90 each on average; rendezvous hashing keeps every node busy.
    assertThat(Arrays.stream(primaryCount).min().orElseThrow()).isGreaterThan(40);
    assertThat(Arrays.stream(primaryCount).max().orElseThrow()).isLessThan(150);
  }

  @Test
  void addingANodeMovesFewShards() {
    List<StorageNodeRecord> nodes = nodes(20);
    int moved = 0;
    for (int f = 0; f < 200; f++) {
      Bytes32 root = Keccak.hash(new byte[] {(byte) f, 2});
      FilePlacement before = Placement.of(root, 9, nodes.subList(0, 19));
      FilePlacement after = Placement.of(root, 9, nodes);
      for (int i = 0; i < 9; i++) if (!before.primary(i).equals(after.primary(i))) moved++;
    }
    // A new node takes the top-9 slot of about 9/20 of files; each such file shifts some shards.
    assertThat(moved).isLessThan(200 * 9 / 2);
  }

  @Test
  void searchOrderIsPrimaryThenSparesThenEveryOtherNodeOnce() {
    FilePlacement p = Placement.of(Bytes32.ZERO, 9, nodes(11));
    List<StorageNodeRecord> order = p.searchOrder(4);
    assertThat(order).hasSize(11).doesNotHaveDuplicates();
    assertThat(order.get(0)).isEqualTo(p.ranking().get(4));
    assertThat(order.subList(1, 3)).isEqualTo(p.spares());
  }

  @Test
  void fewerNodesThanShardsWrapAround() {
    FilePlacement p = Placement.of(Bytes32.ZERO, 9, nodes(4));
    assertThat(p.primary(5)).contains(p.ranking().get(1));
    assertThat(p.spares()).isEmpty();
    assertThat(Placement.of(Bytes32.ZERO, 9, List.of()).primary(0)).isEmpty();
  }
}

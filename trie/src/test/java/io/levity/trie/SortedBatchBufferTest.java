package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

class SortedBatchBufferTest {
  static {
    RocksDB.loadLibrary();
  }

  /** A put, or a delete when value is null. */
  private record Op(Bytes key, Bytes value) {}

  /** Our serialisation must be byte-for-byte RocksDB's own for the same operations in key order. */
  @Test
  void matchesRocksDbsWriteBatchFormat() throws RocksDBException {
    Random rnd = new Random(5);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      byte[] key =
          new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 32]; // short keys collide, some are empty
      rnd.nextBytes(key);
      byte[] value =
          rnd.nextInt(5) == 0 ? null : new byte[rnd.nextInt(300)]; // lengths past one varint byte
      if (value != null) rnd.nextBytes(value);
      ops.add(new Op(Bytes.wrap(key), value == null ? null : Bytes.wrap(value)));
    }
    SortedBatchBuffer buffer = new SortedBatchBuffer();
    for (Op op : ops) {
      if (op.value() == null) buffer.delete(op.key().unsafeArray());
      else buffer.put(op.key().unsafeArray(), op.value().unsafeArray());
    }
    List<Op> sorted = new ArrayList<>(ops);
    sorted.sort(Comparator.comparing(Op::key)); // unsigned lexicographic, as RocksDB orders keys
    try (WriteBatch expected = new WriteBatch()) {
      for (Op op : sorted) {
        if (op.value() == null) expected.delete(op.key().unsafeArray());
        else expected.put(op.key().unsafeArray(), op.value().unsafeArray());
      }
      byte[] ours = buffer.serializeSorted();
      assertThat(ours).isEqualTo(expected.data());
      try (WriteBatch parsed = new WriteBatch(ours)) {
        assertThat(parsed.count()).isEqualTo(ops.size());
      }
    }
  }
}

package io.levity.bench;

import io.levity.core.bytes.Bytes32;
import io.levity.trie.MerklePatriciaTrie;
import io.levity.trie.RocksDbKeyValueStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a trie of N random 32-byte keys with 32-byte values from empty: {@code insertAndCommit}
 * inserts all and commits to a fresh RocksDB store in a temporary folder (one atomic WriteBatch,
 * WAL not fsynced); {@code insertAndRootHash} does the same work without a store (in memory,
 * hashing only) to split the cost. Key generation and opening/closing the store are outside the
 * timed region. Time per whole build.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g", "--enable-native-access=ALL-UNNAMED"})
public class TrieBench {
  @Param({"100000", "1000000"})
  public int n;

  private byte[][] keys;
  private byte[][] values;
  private Path dir;
  private RocksDbKeyValueStore store;

  @Setup(Level.Trial)
  public void generate() {
    Random rnd = new Random(2024);
    keys = new byte[n][32];
    values = new byte[n][32];
    for (int i = 0; i < n; i++) {
      rnd.nextBytes(keys[i]);
      rnd.nextBytes(values[i]);
    }
  }

  @Setup(Level.Invocation)
  public void openStore() throws IOException {
    dir = Files.createTempDirectory("levity-triebench");
    store = RocksDbKeyValueStore.open(dir);
  }

  @TearDown(Level.Invocation)
  public void closeStore() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }

  @Benchmark
  public Bytes32 insertAndCommit() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.empty(store);
    for (int i = 0; i < n; i++) trie.put(keys[i], values[i]);
    return trie.commit();
  }

  @Benchmark
  public Bytes32 insertAndRootHash() {
    MerklePatriciaTrie trie = MerklePatriciaTrie.inMemory();
    for (int i = 0; i < n; i++) trie.put(keys[i], values[i]);
    return trie.rootHash();
  }
}

package io.levity.bench;

import io.levity.da.encoding.BlobEncoder;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.CellVerifier;
import io.levity.da.encoding.EncodedBlob;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The DA encoding: encoding a blob into pieces, commitments and 128 cells with proofs a piece, on
 * one thread and on two, and checking all of a blob's cells (one batch), for a 1 MiB and a 16 MiB
 * blob; one operation is one whole blob, so the throughput is {@code size / time}: MB/s is {@code
 * 1.048576 / s} (1 MiB) or {@code 16.777 / s} (16 MiB), and per core divide the two-thread figure
 * by two. Each op takes seconds, so a short run is enough: {@code -f 1 -wi 1 -i 3}.
 *
 * <p>On the 2-core build machine (KzgSetup.PRECOMPUTE 8), means of 3: encoding 1 MiB in 3.07 s on
 * one thread (0.34 MB/s) and 1.56 s on two (0.67 MB/s, 0.34 a core); 16 MiB in 49.0 s (0.34 MB/s,
 * 368 ms a piece) and 24.1 s (0.69 MB/s, 0.35 a core). Checking all cells, one thread: 1 MiB in 189
 * ms (5.5 MB/s), 16 MiB in 2.09 s (8.0 MB/s). Cell proofs are the cost; a disperser of 16 MiB blobs
 * wants many cores.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class DaEncodingBench {
  /** A pseudo-random blob of {@code mib} MiB. */
  @State(Scope.Benchmark)
  public static class Blob {
    @Param({"1", "16"})
    public int mib;

    byte[] data;

    @Setup(Level.Trial)
    public void setup() {
      data = new byte[mib << 20];
      new Random(mib).nextBytes(data);
    }
  }

  /** The blob encoded once, its cells in one list, checked to hold. */
  @State(Scope.Benchmark)
  public static class Encoded {
    @Param({"1", "16"})
    public int mib;

    EncodedBlob blob;
    List<Cell> cells;

    @Setup(Level.Trial)
    public void setup() {
      byte[] data = new byte[mib << 20];
      new Random(mib).nextBytes(data);
      blob =
          BlobEncoder.encode(
              data, BlobLayout.DEFAULT_MAX_BLOB, Runtime.getRuntime().availableProcessors());
      cells = new ArrayList<>();
      blob.pieces().forEach(cells::addAll);
      List<CellId> bad = CellVerifier.invalid(blob.header(), cells);
      if (!bad.isEmpty()) throw new IllegalStateException("cells " + bad + " do not hold");
    }
  }

  @Benchmark
  public EncodedBlob encodeOneThread(Blob b) {
    return BlobEncoder.encode(b.data, BlobLayout.DEFAULT_MAX_BLOB, 1);
  }

  @Benchmark
  public EncodedBlob encodeTwoThreads(Blob b) {
    return BlobEncoder.encode(b.data, BlobLayout.DEFAULT_MAX_BLOB, 2);
  }

  @Benchmark
  public List<CellId> verifyAllCells(Encoded e) {
    return CellVerifier.invalid(e.blob.header(), e.cells);
  }
}

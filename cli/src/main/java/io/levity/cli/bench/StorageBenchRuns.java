package io.levity.cli.bench;

import io.levity.cli.process.Directories;
import io.levity.cli.storage.StorageNodeProcess;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.ProgressListener;
import io.levity.storage.client.StorageClient;
import io.levity.storage.client.UploadResult;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.shard.ShardEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The measurements of {@code levity bench storage}: a file uploaded and downloaded through the node
 * processes with one code, the Reed-Solomon kernel alone, and the shard encoder in this process.
 */
final class StorageBenchRuns {
  /** One upload and download of one file. */
  record Run(
      String label, long length, double uploadSeconds, double downloadSeconds, long storedBytes) {}

  private StorageBenchRuns() {}

  static Run run(
      FileStorageChain chain,
      ReedSolomon code,
      String label,
      Path dir,
      long length,
      long seed,
      List<StorageNodeProcess> procs,
      PrintWriter log)
      throws IOException {
    Path in = dir.resolve("input-" + seed + ".bin");
    writeRandom(in, length, seed);
    long storedBefore = storedBytes(procs);
    StorageClient.Config config =
        StorageClient.Config.defaults()
            .withWorkDir(dir.resolve("work"))
            .withRepairOnDownload(false);
    try (StorageClient client = new StorageClient(chain, new HttpNodeClient(), code, config)) {
      // Warm-up (JIT in this process and in the nodes) on a small file that is not measured.
      Path warm = dir.resolve("warm-" + seed + ".bin");
      writeRandom(warm, Math.min(length, 4L << 20), seed + 1000);
      Bytes32 warmRoot = client.upload(warm, ProgressListener.NONE).fileRoot();
      client.download(warmRoot, dir.resolve("warm.out"), ProgressListener.NONE);
      storedBefore = storedBytes(procs);

      log.printf("levity: %s: uploading %s ...%n", label, ByteSizeConverter.human(length));
      long t0 = System.nanoTime();
      UploadResult up = client.upload(in, ProgressListener.NONE);
      double upSeconds = (System.nanoTime() - t0) / 1e9;
      if (!up.complete()) throw new IllegalStateException("upload incomplete: " + up.unplaced());
      log.printf("levity: %s: downloading ...%n", label);
      Path out = dir.resolve("output-" + seed + ".bin");
      t0 = System.nanoTime();
      client.download(up.fileRoot(), out, ProgressListener.NONE);
      double downSeconds = (System.nanoTime() - t0) / 1e9;
      if (Files.mismatch(in, out) != -1)
        throw new IllegalStateException("downloaded file differs from the input");
      Files.delete(out);
      return new Run(label, length, upSeconds, downSeconds, storedBytes(procs) - storedBefore);
    }
  }

  /** Encode and decode GB/s of the 6+3 kernel on 4 MiB shards, one thread, about a second each. */
  static double[] kernel() {
    ReedSolomon rs = ReedSolomon.defaultCode();
    int len = 4 << 20;
    byte[][] shards = new byte[9][len];
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 6; i++) for (int j = 0; j < len; j += 8) shards[i][j] = (byte) r.nextInt();
    double[] out = new double[2];
    for (int op = 0; op < 2; op++) {
      for (int warm = 0; warm < 3; warm++) step(rs, shards, op);
      long t0 = System.nanoTime();
      int iters = 0;
      while (System.nanoTime() - t0 < 1_000_000_000L) {
        step(rs, shards, op);
        iters++;
      }
      out[op] = 6.0 * len * iters / ((System.nanoTime() - t0) / 1e9) / 1e9;
    }
    return out;
  }

  private static void step(ReedSolomon rs, byte[][] shards, int op) {
    if (op == 0) {
      rs.encode(shards);
    } else {
      boolean[] present = {false, true, false, true, false, true, true, true, true};
      rs.decode(shards, present);
    }
  }

  /**
   * MB/s of {@link ShardEncoder} over the file in this process (read, encode, hash, write shards).
   */
  static double encodePipeline(Path dir, long length) throws IOException {
    Path in = dir.resolve("input-1.bin");
    long t0 = System.nanoTime();
    new ShardEncoder(ReedSolomon.defaultCode()).encode(in, dir.resolve("pipeline"), d -> {});
    double s = (System.nanoTime() - t0) / 1e9;
    Directories.deleteTree(dir.resolve("pipeline"));
    return length / s / 1e6;
  }

  private static long storedBytes(List<StorageNodeProcess> procs) throws IOException {
    long total = 0;
    for (StorageNodeProcess p : procs) {
      Path shards = p.dataDir().resolve("shards");
      if (!Files.exists(shards)) continue;
      try (Stream<Path> s = Files.walk(shards)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) total += Files.size(f);
      }
    }
    return total;
  }

  static void writeRandom(Path file, long length, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] buf = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long done = 0; done < length; ) {
        for (int i = 0; i < buf.length; i += 8) {
          long v = r.nextLong();
          for (int j = 0; j < 8; j++) buf[i + j] = (byte) (v >>> (8 * j));
        }
        int n = (int) Math.min(buf.length, length - done);
        out.write(buf, 0, n);
        done += n;
      }
    }
  }
}

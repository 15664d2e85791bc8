package io.levity.cli.bench;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code levity bench storage}: uploads and downloads a random file through real storage node
 * processes on loopback with the 6+3 code and with a 3-replica baseline, and measures the erasure
 * kernel on this machine.
 */
@Command(
    name = "storage",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Storage network throughput: erasure coding vs 3 replicas, through node processes.",
      "Starts storage node processes (child JVMs) on 127.0.0.1 over a shared chain file, uploads and "
          + "downloads a random file with the 6+3 code and then another with a 1+2 code (every shard a "
          + "full-size stand-in for a replica: 3-way replication through the same nodes), and prints MB/s "
          + "(10^6 bytes/s), bytes stored, and the Reed-Solomon kernel's encode/decode GB/s on this machine."
    })
public final class StorageBenchCommand implements Callable<Integer> {
  @Option(
      names = "--size",
      defaultValue = "64MB",
      paramLabel = "SIZE",
      description =
          "File size: bytes or with KB/MB/GB (powers of 1024) (default: ${DEFAULT-VALUE}).")
  String size;

  @Option(
      names = "--nodes",
      defaultValue = "9",
      description = "Storage node processes (default: ${DEFAULT-VALUE}).")
  int nodes;

  @Option(names = "--no-baseline", description = "Skip the 3-replica baseline.")
  boolean noBaseline;

  @Option(
      names = "--keep",
      description = "Keep the working directory (node data, logs) instead of deleting it.")
  boolean keep;

  /** One upload and download of one file. */
  record Run(
      String label, long length, double uploadSeconds, double downloadSeconds, long storedBytes) {}

  @Override
  public Integer call() throws Exception {
    long length = parseSize(size);
    if (nodes < 3 || nodes > 64) throw new IllegalArgumentException("--nodes must be in 3..64");
    Path dir = Files.createTempDirectory("levity-bench-storage-");
    List<StorageNodeProcess> procs = new ArrayList<>();
    try {
      Path chainFile = dir.resolve("chain.json");
      FileStorageChain chain = FileStorageChain.open(chainFile);
      System.err.printf(
          "levity: starting %d storage node processes (data and logs in %s) ...%n", nodes, dir);
      for (int i = 0; i < nodes; i++)
        procs.add(StorageNodeProcess.start(dir.resolve("node" + i), chainFile, 0));
      for (StorageNodeProcess p : procs) p.awaitEndpoint(Duration.ofSeconds(120));

      Run ec = run(chain, ReedSolomon.defaultCode(), "erasure 6+3", dir, length, 1, procs);
      Run rep =
          noBaseline
              ? null
              : run(chain, ReedSolomon.create(1, 2), "3 replicas (1+2)", dir, length, 2, procs);
      double[] kernel = kernel();
      double pipeline = encodePipeline(dir, length);

      System.out.printf(
          Locale.ROOT,
          "levity bench storage: %s random file, %d storage node processes on 127.0.0.1, "
              + "kernel %s, %d cores%n",
          human(length),
          nodes,
          ReedSolomon.kernel(),
          Runtime.getRuntime().availableProcessors());
      System.out.printf(
          Locale.ROOT,
          "%-18s %12s %14s %16s %9s%n",
          "scheme",
          "upload MB/s",
          "download MB/s",
          "bytes stored",
          "overhead");
      for (Run r : rep == null ? List.of(ec) : List.of(ec, rep)) {
        System.out.printf(
            Locale.ROOT,
            "%-18s %12.1f %14.1f %,16d %8.2fx%n",
            r.label(),
            r.length() / r.uploadSeconds() / 1e6,
            r.length() / r.downloadSeconds() / 1e6,
            r.storedBytes(),
            (double) r.storedBytes() / r.length());
      }
      if (rep == null) {
        System.out.printf(
            Locale.ROOT,
            "%-18s %12s %14s %,16d %8.2fx  (computed, not run)%n",
            "3 replicas",
            "-",
            "-",
            3 * length,
            3.0);
      }
      System.out.printf(
          Locale.ROOT,
          "RS(6,3) kernel, one thread, 6 x 4 MiB: encode %.2f GB/s, decode with 3 data "
              + "shards lost %.2f GB/s (data bytes / time)%n",
          kernel[0],
          kernel[1]);
      System.out.printf(
          Locale.ROOT,
          "shard encoding of the file in this process (read, RS, Keccak of every shard "
              + "segment, write): %.1f MB/s%n",
          pipeline);
      System.out.println(
          "Erasure 6+3 stores 1.5x the file and survives any 3 of 9 nodes lost; 3 replicas store 3x"
              + " and survive any 2 lost.");
      System.out.println(
          "Upload time is dominated by Keccak hashing (client: every shard; each node: the shard it"
              + " receives) and loopback copies on a machine this small; download fetches k shards in parallel, verifies"
              + " them and decodes only if a data shard is missing. The replica baseline ships 3x the bytes on upload"
              + " but one full copy from one node on download.");
      return 0;
    } finally {
      for (StorageNodeProcess p : procs) p.close();
      if (!keep) deleteTree(dir);
    }
  }

  private Run run(
      FileStorageChain chain,
      ReedSolomon code,
      String label,
      Path dir,
      long length,
      long seed,
      List<StorageNodeProcess> procs)
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

      System.err.printf("levity: %s: uploading %s ...%n", label, human(length));
      long t0 = System.nanoTime();
      UploadResult up = client.upload(in, ProgressListener.NONE);
      double upSeconds = (System.nanoTime() - t0) / 1e9;
      if (!up.complete()) throw new IllegalStateException("upload incomplete: " + up.unplaced());
      System.err.printf("levity: %s: downloading ...%n", label);
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
    deleteTree(dir.resolve("pipeline"));
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

  /** Bytes, or a number with K/KB/KiB, M/MB/MiB, G/GB/GiB (all powers of 1024). */
  static long parseSize(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long mult = 1;
    if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
    if (t.endsWith("K")) mult = 1L << 10;
    else if (t.endsWith("M")) mult = 1L << 20;
    else if (t.endsWith("G")) mult = 1L << 30;
    if (mult > 1) t = t.substring(0, t.length() - 1);
    try {
      long v = Long.parseLong(t.trim()) * mult;
      if (v < 1) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--size must be a positive size like 64MB, 1GB or 1000000: " + s);
    }
  }

  static String human(long bytes) {
    if (bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
    if (bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
    return String.format(Locale.ROOT, "%,d bytes", bytes);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}

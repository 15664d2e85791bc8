package io.levity.cli.bench;

import io.levity.cli.bench.StorageBenchRuns.Run;
import io.levity.cli.process.Directories;
import io.levity.cli.storage.StorageNodeProcess;
import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.erasure.ReedSolomon;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench storage}: uploads and downloads a random file through real storage node
 * processes on loopback with the 6+3 code and with a 3-replica baseline, and measures the erasure
 * kernel on this machine.
 */
@Command(name = "storage", sortOptions = false)
public final class StorageBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--size",
      paramLabel = "SIZE",
      defaultValue = "64MB",
      converter = ByteSizeConverter.class)
  long length;

  @Option(names = "--nodes", paramLabel = "N")
  int nodes = 9;

  @Option(names = "--no-baseline")
  boolean noBaseline;

  @Option(names = "--keep")
  boolean keep;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (nodes < 3 || nodes > 64)
      throw new ParameterException(spec.commandLine(), "--nodes must be in 3..64");
    PrintWriter err = spec.commandLine().getErr();
    Path dir = Files.createTempDirectory("levity-bench-storage-");
    List<StorageNodeProcess> procs = new ArrayList<>();
    try {
      Path chainFile = dir.resolve("chain.json");
      FileStorageChain chain = FileStorageChain.open(chainFile);
      err.printf(
          "levity: starting %d storage node processes (data and logs in %s) ...%n", nodes, dir);
      for (int i = 0; i < nodes; i++)
        // Transfers alone are measured: no background sealing competing for the cores.
        procs.add(
            StorageNodeProcess.start(
                dir.resolve("node" + i), chainFile, 0, List.of(), List.of("--no-seal")));
      for (StorageNodeProcess p : procs) p.awaitEndpoint(Duration.ofMinutes(2));

      Run ec =
          StorageBenchRuns.run(
              chain, ReedSolomon.defaultCode(), "erasure 6+3", dir, length, 1, procs, err);
      Run rep =
          noBaseline
              ? null
              : StorageBenchRuns.run(
                  chain, ReedSolomon.create(1, 2), "3 replicas (1+2)", dir, length, 2, procs, err);
      double[] kernel = StorageBenchRuns.kernel();
      double pipeline = StorageBenchRuns.encodePipeline(dir, length);
      report(spec.commandLine().getOut(), ec, rep, kernel, pipeline);
      return 0;
    } finally {
      for (StorageNodeProcess p : procs) p.close();
      if (!keep) Directories.deleteTree(dir);
    }
  }

  private void report(PrintWriter out, Run ec, Run rep, double[] kernel, double pipeline) {
    out.printf(
        Locale.ROOT,
        "levity bench storage: %s random file, %d storage node processes on 127.0.0.1, "
            + "kernel %s, %d cores%n",
        ByteSizeConverter.human(length),
        nodes,
        ReedSolomon.kernel(),
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "%-18s %12s %14s %16s %9s%n",
        "scheme",
        "upload MB/s",
        "download MB/s",
        "bytes stored",
        "overhead");
    for (Run r : rep == null ? List.of(ec) : List.of(ec, rep)) {
      out.printf(
          Locale.ROOT,
          "%-18s %12.1f %14.1f %,16d %8.2fx%n",
          r.label(),
          r.length() / r.uploadSeconds() / 1e6,
          r.length() / r.downloadSeconds() / 1e6,
          r.storedBytes(),
          (double) r.storedBytes() / r.length());
    }
    if (rep == null) {
      out.printf(
          Locale.ROOT,
          "%-18s %12s %14s %,16d %8.2fx  (computed, not run)%n",
          "3 replicas",
          "-",
          "-",
          3 * length,
          3.0);
    }
    out.printf(
        Locale.ROOT,
        "RS(6,3) kernel, one thread, 6 x 4 MiB: encode %.2f GB/s, decode with 3 data "
            + "shards lost %.2f GB/s (data bytes / time)%n",
        kernel[0],
        kernel[1]);
    out.printf(
        Locale.ROOT,
        "shard encoding of the file in this process (read, RS, Keccak of every shard "
            + "segment, write): %.1f MB/s%n",
        pipeline);
    out.println(
        "Erasure 6+3 stores 1.5x the file and survives any 3 of 9 nodes lost; 3 replicas store 3x"
            + " and survive any 2 lost.");
    out.println(
        "Upload time is dominated by Keccak hashing (client: every shard; each node: the shard it"
            + " receives) and loopback copies on a machine this small; download fetches k shards in parallel, verifies"
            + " them and decodes only if a data shard is missing. The replica baseline ships 3x the bytes on upload"
            + " but one full copy from one node on download.");
  }
}

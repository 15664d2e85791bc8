package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.Levity;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Six {@code levity storage node} processes (a 4+2 code, to keep JVM start-up small; the 6+3 code's
 * loss of any 3 of 9 nodes is covered by StorageClientIT over sockets) (child JVMs) on loopback and
 * a shared chain file, driven by the storage CLI commands: nodes killed with SIGKILL, a file still
 * read, a restarted node serving what it acknowledged, corruption repaired.
 */
class StorageProcessesIT {
  @TempDir Path dir;
  static final int K = 4;
  static final int M = 2;
  final List<StorageNodeProcess> procs = new ArrayList<>();

  /**
   * Small files only: a quick-starting JIT matters more than peak speed with nine JVMs on a small
   * machine.
   */
  static final List<String> JVM =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");

  StorageNodeProcess startNode(Path data, Path chainFile) throws IOException {
    return StorageNodeProcess.start(data, chainFile, 0, JVM);
  }

  @AfterEach
  void stopAll() {
    for (StorageNodeProcess p : procs) p.close();
  }

  /** Output and exit code of one storage command run in this JVM. */
  record Result(int code, String out, String err) {
    String lastLine() {
      return out.strip().lines().reduce((a, b) -> b).orElse("").strip();
    }
  }

  /** Runs {@code levity storage <command> args... --network ... --work-dir ...} in this JVM. */
  Result run(String command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new StorageCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--network",
            dir.resolve("storage.json").toString(),
            "--work-dir",
            dir.resolve("work").toString()));
    int code = cl.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void nodeProcessesSurviveCrashesAndTheCliReadsChecksAndRepairs() throws Exception {
    Path chainFile = dir.resolve("chain.json");
    FileStorageChain chain = FileStorageChain.open(chainFile);
    new NetworkFile(new NetworkFile.FileChain(chainFile), K, M, List.of())
        .write(dir.resolve("storage.json"));
    for (int i = 0; i < K + M; i++) procs.add(startNode(dir.resolve("node" + i), chainFile));
    List<String> endpoints = new ArrayList<>();
    long t0 = System.nanoTime();
    for (StorageNodeProcess p : procs) endpoints.add(p.awaitEndpoint(Duration.ofMinutes(2)));
    System.err.printf(
        "%d node processes serving after %.1f s%n", K + M, (System.nanoTime() - t0) / 1e9);
    assertThat(chain.nodes())
        .extracting(StorageNodeRecord::endpoint)
        .containsExactlyInAnyOrderElementsOf(endpoints);

    byte[] data = new byte[3 * 262144 + 123];
    new Random(5).nextBytes(data);
    Path file = dir.resolve("data.bin");
    Files.write(file, data);
    Result up = run("upload", file.toString());
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.lastLine()).matches("0x[0-9a-f]{64}");
    Bytes32 root = Bytes32.fromHex32(up.lastLine());
    FilePlacement placement = Placement.of(root, K + M, chain.nodes());

    // Crash the nodes of shards 0 (data) and 5 (parity): the file is still readable.
    List<StorageNodeProcess> killed = new ArrayList<>();
    for (int shard : new int[] {0, 5})
      killed.add(procOf(placement.primary(shard).orElseThrow(), endpoints));
    for (StorageNodeProcess p : killed) p.kill();
    Path out = dir.resolve("out.bin");
    Result down = run("download", root.toHex(), out.toString(), "--no-repair");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
    Result degraded = run("status", root.toHex());
    assertThat(degraded.code()).isEqualTo(3);
    assertThat(degraded.out()).contains("4 present, 2 missing, 0 corrupt: readable, needs repair");

    // One more crash is one too many: a clear error, non-zero exit, nothing written.
    StorageNodeProcess third = procOf(placement.primary(2).orElseThrow(), endpoints);
    third.kill();
    killed.add(third);
    Path never = dir.resolve("never.bin");
    Result fail = run("download", root.toHex(), never.toString());
    assertThat(fail.code()).isEqualTo(1);
    assertThat(fail.err()).contains("only 3 of the 4 shards needed could be fetched");
    assertThat(never).doesNotExist();

    // Restarted after SIGKILL, each node serves every shard it acknowledged.
    for (StorageNodeProcess p : killed) {
      procs.set(procs.indexOf(p), startNode(p.dataDir(), chainFile));
    }
    for (StorageNodeProcess p : procs) p.awaitEndpoint(Duration.ofMinutes(2));
    Result healthy = run("status", root.toHex());
    assertThat(healthy.code()).as(healthy.out()).isZero();
    assertThat(healthy.out()).contains("6 present, 0 missing, 0 corrupt: healthy");

    // Bit rot on one node's disk: status sees it, repair fixes it.
    StorageNodeProcess holder = procOf(placement.primary(3).orElseThrow(), endpoints);
    Path shard =
        holder.dataDir().resolve("shards").resolve(root.toHex().substring(2)).resolve("3.shard");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[1000] ^= 1;
    Files.write(shard, bytes);
    Result repair = run("repair", root.toHex());
    assertThat(repair.code()).as(repair.err()).isZero();
    assertThat(repair.out())
        .contains("repaired shard 3 onto " + holder.awaitEndpoint(Duration.ofSeconds(1)));
    assertThat(run("status", root.toHex()).code()).isZero();
    assertThat(run("download", root.toHex(), out.toString()).code()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);
  }

  /**
   * The process whose data directory belongs to {@code node} (ids are fixed per data directory).
   */
  private StorageNodeProcess procOf(StorageNodeRecord node, List<String> endpoints) {
    return procs.get(endpoints.indexOf(node.endpoint()));
  }

  @Test
  void storageIsRegisteredUnderLevity() {
    assertThat(Levity.commandLine().getSubcommands()).containsKey("storage");
    assertThat(Levity.commandLine().getSubcommands().get("storage").getSubcommands())
        .containsKeys("node", "upload", "download", "status", "repair", "devnet");
    assertThat(Levity.commandLine().getSubcommands().get("bench").getSubcommands())
        .containsKey("storage");
  }
}

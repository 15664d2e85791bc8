package io.levity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.node.NetworkFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage commands' user errors: one clear line on stderr and exit 1, never a stack trace
 * (unless --verbose), and a bad destination refused before anything is fetched.
 */
class StorageCommandErrorsTest {
  private static final String ROOT = "0x" + "ab".repeat(32);
  @TempDir Path dir;

  private static void oneLine(LevityRun r, String command, String text) {
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines().toList())
        .hasSize(1)
        .first()
        .asString()
        .startsWith("levity storage " + command + ": ")
        .contains(text);
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  private Path network() throws Exception {
    Path file = dir.resolve("net/storage.json");
    new NetworkFile(
            new NetworkFile.FileChain(dir.resolve("net/chain.json")),
            6,
            3,
            List.<NetworkFile.NodeEntry>of())
        .write(file);
    FileStorageChain.open(dir.resolve("net/chain.json"));
    return file;
  }

  @Test
  void aMissingNetworkFileIsOneLine() {
    Path missing = dir.resolve("nowhere.json");
    LevityRun r = LevityRun.run("storage", "status", ROOT, "--network", missing.toString());
    oneLine(r, "status", missing.toString());
  }

  @Test
  void aDeviceOrFolderGivenAsOutputIsRefusedBeforeTheDownload() throws Exception {
    Path net = network();
    LevityRun dev =
        LevityRun.run("storage", "download", ROOT, "/dev/null", "--network", net.toString());
    oneLine(dev, "download", "/dev/null exists and is not a regular file");
    assertThat(Files.exists(Path.of("/dev/null"))).isTrue();
    LevityRun folder =
        LevityRun.run("storage", "download", ROOT, dir.toString(), "--network", net.toString());
    oneLine(folder, "download", "is not a regular file");
    LevityRun noFolder =
        LevityRun.run(
            "storage",
            "download",
            ROOT,
            dir.resolve("no/such/out").toString(),
            "--network",
            net.toString());
    oneLine(noFolder, "download", "no such folder");
  }

  @Test
  void anUnknownRootIsOneLineAndVerboseAddsTheTrace() throws Exception {
    Path net = network();
    Path out = dir.resolve("out.bin");
    LevityRun r =
        LevityRun.run("storage", "download", ROOT, out.toString(), "--network", net.toString());
    oneLine(r, "download", ROOT.substring(0, 10));
    assertThat(out).doesNotExist();
    LevityRun v =
        LevityRun.run(
            "storage", "download", ROOT, out.toString(), "--network", net.toString(), "--verbose");
    assertThat(v.exit()).isEqualTo(1);
    assertThat(v.err()).contains("\tat ");
  }

  @Test
  void aMalformedRootIsAUsageErrorNotACrash() {
    LevityRun r = LevityRun.run("storage", "download", "0x1234", "out");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not a file root (0x + 64 hex digits): 0x1234");
    assertThat(r.err()).doesNotContain("is not a command").doesNotContain("\tat ");
  }

  @Test
  void levityNetworkIsTheDefaultOfNetwork() {
    Path missing = dir.resolve("from-env.json");
    LevityRun r =
        LevityRun.run(Map.of("LEVITY_NETWORK", missing.toString()), "storage", "status", ROOT);
    oneLine(r, "status", missing.toString());
  }
}

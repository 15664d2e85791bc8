package io.levity.cli.inft;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.LevityRun;
import io.levity.core.bytes.Address;
import io.levity.inft.InftNetwork;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code levity inft} user errors: one line on stderr naming the command, exit 1. */
class InftCommandErrorsTest {
  @TempDir Path dir;

  private static final String KEY =
      "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  private static void oneLine(LevityRun r, String command, String reason) {
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("levity inft " + command + ": ").contains(reason);
  }

  @Test
  void aMissingNetworkFileKeyOrFileIsOneLine() throws Exception {
    Path missing = dir.resolve("nowhere.json");
    oneLine(
        LevityRun.run("inft", "show", "1", "--inft", missing.toString()),
        "show",
        "no iNFT network file at");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"chainId\": 1}");
    oneLine(
        LevityRun.run("inft", "register", "--inft", broken.toString(), "--key", KEY),
        "register",
        "missing field 'rpc'");
    Path inft = dir.resolve("inft.json");
    Address a = Address.fromHex("0x00000000000000000000000000000000000000a1");
    new InftNetwork(
            1337,
            URI.create("http://127.0.0.1:1"),
            a,
            a,
            a,
            a,
            URI.create("http://127.0.0.1:1"),
            a,
            dir.resolve("storage.json"))
        .write(inft);
    assertThat(InftNetwork.read(inft).storageNetwork()).isEqualTo(dir.resolve("storage.json"));
    oneLine(
        LevityRun.run("inft", "transfer", "1", "--to", a.toHex(), "--inft", inft.toString()),
        "transfer",
        "give the account's private key with --key HEX");
    oneLine(
        LevityRun.run(
            "inft", "open", "1", "--out", "x", "--inft", inft.toString(), "--key", "0x12"),
        "open",
        "--key is not a 32-byte hex private key");
    oneLine(
        LevityRun.run("inft", "mint", "missing.bin", "--inft", inft.toString(), "--key", KEY),
        "mint",
        "no such file: missing.bin");
    oneLine(
        LevityRun.run("inft", "register", "--inft", inft.toString(), "--key", KEY),
        "register",
        "storage.json");
  }

  @Test
  void theOracleNeedsAKeyAndAChain() {
    oneLine(LevityRun.run("inft", "oracle"), "oracle", "give the oracle's key");
    oneLine(
        LevityRun.run("inft", "oracle", "--key", KEY),
        "oracle",
        "give --inft FILE, or --rpc, --agent-nft and --network");
  }
}

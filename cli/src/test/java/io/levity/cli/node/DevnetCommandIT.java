package io.levity.cli.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.Levity;
import io.levity.compute.ComputeNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code levity devnet} end to end on free ports: prints the dev accounts, makes blocks, resumes,
 * resets.
 */
class DevnetCommandIT {
  @TempDir Path dir;

  private String run(String... extra) {
    StringWriter buf = new StringWriter();
    CommandLine cl = new CommandLine(new DevnetCommand());
    cl.setOut(new PrintWriter(buf, true));
    List<String> args = new ArrayList<>(DevnetCommand.onFreePorts(dir));
    args.addAll(List.of("--block-time", "50", "--stop-after", "3"));
    args.addAll(List.of(extra));
    assertThat(cl.execute(args.toArray(String[]::new))).isZero();
    return buf.toString();
  }

  @Test
  void makesBlocksThenResumesThenResets() throws Exception {
    String first = run("--storage-nodes", "3");
    assertThat(first)
        .contains("chain id 1337, new chain")
        .contains(
            "Storage: 3 nodes (Reed-Solomon 6+3), registry 0x000000000000000000000000000000000000a11c")
        .contains(
            "(0) 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266  private key "
                + "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80")
        .contains("(9) ")
        .containsPattern("Metrics: +http://127.0.0.1:[0-9]+/metrics")
        .contains("block 3 ");
    assertThat(Files.exists(dir.resolve("storage.json"))).as("the storage network file").isTrue();
    // the inference market with its own chat and embeddings providers (the chat one running iNFT
    // agents through the devnet's oracle) and an auditor
    assertThat(first)
        .contains("Inference: InferenceMarket 0x")
        .contains("  chat provider 0x")
        .contains("one auditor")
        .contains("the devnet's compute user " + DevnetUser.KEY.address().toChecksumHex())
        .contains("the chat provider runs iNFT agents (the oracle admits it)")
        .doesNotContain("did not start");
    ComputeNetwork compute = ComputeNetwork.read(dir.resolve("compute.json"));
    assertThat(compute.devnet()).isTrue();
    assertThat(compute.chatProvider()).contains(DevnetMarket.CHAT_PROVIDER.address());
    assertThat(compute.embeddingsProvider()).contains(DevnetMarket.EMBEDDINGS_PROVIDER.address());
    assertThat(run("--storage-nodes", "0"))
        .contains("resumed at block")
        .doesNotContain("block 1 0x")
        .doesNotContain("Storage:");
    assertThat(run("--reset", "--storage-nodes", "0")).contains("new chain").contains("block 1 0x");
    Files.writeString(dir.resolve("epoch"), "3\n"); // a data directory from the epoch-per-run days
    DevnetCommand old = new DevnetCommand();
    new CommandLine(old).parseArgs("--data-dir", dir.toString(), "--accounts", "1");
    assertThatThrownBy(old::call)
        .hasMessageContaining("older Levity")
        .hasMessageContaining("--reset");
  }

  @Test
  void isRegisteredUnderLevity() {
    assertThat(Levity.commandLine().getSubcommands()).containsKeys("devnet", "init", "node");
  }
}

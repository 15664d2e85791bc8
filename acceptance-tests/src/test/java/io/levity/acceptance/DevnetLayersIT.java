package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.process.CommandResult;
import io.levity.cli.process.LevityLauncher;
import io.levity.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box acceptance test of the layers {@code levity devnet} runs beside its chain: the storage
 * network and the iNFT contracts with their oracle, each driven by the {@code levity storage} and
 * {@code levity inft} commands of the built jar against a devnet in a separate process. (The
 * Ethereum tools against the same kind of devnet: {@link DevnetAcceptanceIT}.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetLayersIT {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path work;

  private static DevnetProcess devnet;
  private static JarCommands commands;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet = DevnetProcess.start(work);
    commands = new JarCommands(work, COMMAND_TIMEOUT, devnet::logTail);
  }

  @AfterAll
  static void stopDevnet() throws Exception {
    if (devnet != null) {
      devnet.close();
      assertThat(devnet.isAlive()).as("devnet process stopped").isFalse();
    }
  }

  @Test
  @Order(3)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void storageUploadDownloadAndStatusAgainstTheDevnetsStorageNodes() throws Exception {
    // levity devnet starts 9 storage nodes on its own chain and writes their network file once all
    // registered.
    Path network = work.resolve("devnet-data").resolve("storage.json");
    Await.until(
        Duration.ofSeconds(90),
        () -> Files.exists(network),
        () -> "the storage network file; devnet log:\n" + devnet.logTail());
    byte[] data = new byte[1_500_000];
    new Random(42).nextBytes(data);
    Path model = work.resolve("model.bin");
    Files.write(model, data);

    CommandResult up =
        commands.levity("storage", "upload", "--network", network.toString(), model.toString());
    assertThat(up.exitCode()).as("upload:\n%s%s", up.stdout(), up.stderr()).isZero();
    String root = up.lastLine();
    assertThat(root).matches("0x[0-9a-f]{64}");

    Path out = work.resolve("model.out");
    CommandResult down =
        commands.levity(
            "storage", "download", "--network", network.toString(), root, out.toString());
    assertThat(down.exitCode()).as("download:\n%s%s", down.stdout(), down.stderr()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);

    CommandResult status =
        commands.levity("storage", "status", "--network", network.toString(), root);
    assertThat(status.exitCode()).as("status:\n%s%s", status.stdout(), status.stderr()).isZero();
    assertThat(status.stdout()).contains("9 present, 0 missing, 0 corrupt");

    // The submission is a record on the chain itself: the registry's code holds it (eth_getCode is
    // non-empty).
    JsonNode code =
        devnet.rpc("eth_getCode", "[\"0x000000000000000000000000000000000000a11c\",\"latest\"]");
    assertThat(code.path("result").asText()).startsWith("0x6");
  }

  @Test
  @Order(4)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void anAgentIsMintedTransferredAndOpenedOnlyByItsOwnerThroughTheDevnetsOracle() throws Exception {
    // levity devnet deploys the iNFT contracts, runs the oracle and writes inft.json.
    Path inft = work.resolve("devnet-data").resolve("inft.json");
    Await.until(
        Duration.ofMinutes(2),
        () -> Files.exists(inft),
        () -> "the iNFT network file; devnet log:\n" + devnet.logTail());
    String alice = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    String bob = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    byte[] agent = new byte[120_000];
    new Random(7).nextBytes(agent);
    Path file = work.resolve("agent.bin");
    Files.write(file, agent);

    CommandResult reg =
        commands.levity("inft", "register", "--inft", inft.toString(), "--key", bob);
    assertThat(reg.exitCode()).as("register:\n%s%s", reg.stdout(), reg.stderr()).isZero();
    CommandResult mint =
        commands.levity(
            "inft", "mint", file.toString(), "--inft", inft.toString(), "--key", alice, "--json");
    assertThat(mint.exitCode()).as("mint:\n%s%s", mint.stdout(), mint.stderr()).isZero();
    JsonNode minted = new ObjectMapper().readTree(mint.lastLine());
    String id = minted.path("tokenId").asText();
    assertThat(minted.path("dataHash").asText()).matches("0x[0-9a-f]{64}");

    CommandResult move =
        commands.levity(
            "inft",
            "transfer",
            id,
            "--to",
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "--inft",
            inft.toString(),
            "--key",
            alice);
    assertThat(move.exitCode()).as("transfer:\n%s%s", move.stdout(), move.stderr()).isZero();
    Path opened = work.resolve("agent.out");
    CommandResult open =
        commands.levity(
            "inft",
            "open",
            id,
            "--inft",
            inft.toString(),
            "--key",
            bob,
            "--out",
            opened.toString());
    assertThat(open.exitCode()).as("open:\n%s%s", open.stdout(), open.stderr()).isZero();
    assertThat(Files.readAllBytes(opened)).isEqualTo(agent);
    CommandResult former =
        commands.levity(
            "inft",
            "open",
            id,
            "--inft",
            inft.toString(),
            "--key",
            alice,
            "--out",
            work.resolve("stolen.out").toString());
    assertThat(former.exitCode()).isEqualTo(1);
    // One line for the user (after the JVM's own incubator-module warning), no stack trace.
    assertThat(former.stderr()).doesNotContain("\tat ");
    assertThat(former.stderr().strip().lines().reduce((a, b) -> b).orElse(""))
        .startsWith("levity inft open: ")
        .contains("does not own token " + id);
  }

  @Test
  @Order(5)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aTrainingJobIsPublishedAndReVerifiedAndTheDefaultModelGenerates() throws Exception {
    // levity devnet deploys TrainingJobs and writes compute.json beside inft.json.
    Path compute = work.resolve("devnet-data").resolve("compute.json");
    Await.until(
        Duration.ofMinutes(2),
        () -> Files.exists(compute),
        () -> "the compute network file; devnet log:\n" + devnet.logTail());
    String carol = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";
    Path corpus = work.resolve("corpus.txt");
    Files.writeString(
        corpus,
        "There she blows! There she blows! A hump like a snow-hill! It is Moby Dick! ".repeat(40));
    CommandResult train =
        commands.levity(
            "ai",
            "train",
            "--preset",
            "test",
            "--corpus",
            corpus.toString(),
            "--publish",
            "--compute",
            compute.toString(),
            "--key",
            carol,
            "--json");
    assertThat(train.exitCode()).as("train:\n%s%s", train.stdout(), train.stderr()).isZero();
    String job = new ObjectMapper().readTree(train.lastLine()).path("job").asText();
    CommandResult verify =
        commands.levity(
            "ai", "verify-training", job, "--segment", "1", "--compute", compute.toString());
    assertThat(verify.exitCode()).as("verify:\n%s%s", verify.stdout(), verify.stderr()).isZero();
    assertThat(verify.stdout()).contains("MATCH");

    CommandResult one =
        commands.levity("ai", "generate", "Call me Ishmael.", "--json", "--threads", "1");
    CommandResult two = commands.levity("ai", "generate", "Call me Ishmael.", "--json", "--scalar");
    assertThat(one.exitCode()).as("generate:\n%s%s", one.stdout(), one.stderr()).isZero();
    JsonNode a = new ObjectMapper().readTree(one.lastLine());
    JsonNode b = new ObjectMapper().readTree(two.lastLine());
    assertThat(a.path("text").asText()).isNotBlank().isEqualTo(b.path("text").asText());
    assertThat(a.path("logitsHash")).isEqualTo(b.path("logitsHash"));
  }

  @Test
  @Order(6)
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void levityComputeAskHelloWorksWithNoFlagsAgainstTheDevnetsProviderAndAuditor() throws Exception {
    // levity devnet starts a chat provider, an embeddings provider and an auditor, funds its
    // compute user with both, and names them in compute.json ("devnet": true).
    Path data = work.resolve("devnet-data");
    Path compute = data.resolve("compute.json");
    Await.until(
        Duration.ofMinutes(3),
        () -> namesProviders(compute),
        () -> "the providers in compute.json; devnet log:\n" + devnet.logTail());
    // run where the network file is (./compute.json), with the receipt store under the work dir
    LevityLauncher levity =
        LevityCli.launcher()
            .withJvmOptions(LevityCli.STORAGE_JVM)
            .withJvmOptions(List.of("-Dlevity.home=" + work));
    CommandResult ask = commands.run(levity.command(List.of("compute", "ask", "hello")), data);
    assertThat(ask.exitCode()).as("ask:\n%s%s", ask.stdout(), ask.stderr()).isZero();
    assertThat(ask.stdout()).isNotBlank();
    assertThat(ask.stderr()).contains("using the devnet's compute user");
    CommandResult embed =
        commands.run(levity.command(List.of("compute", "embed", "hello", "--quiet")), data);
    assertThat(embed.exitCode()).as("embed:\n%s%s", embed.stdout(), embed.stderr()).isZero();
    assertThat(embed.stdout()).contains("384");
    CommandResult receipts = commands.run(levity.command(List.of("compute", "receipts")), data);
    assertThat(receipts.exitCode())
        .as("receipts:\n%s%s", receipts.stdout(), receipts.stderr())
        .isZero();
    assertThat(receipts.stdout()).contains("levity-tiny").contains("all-minilm-l6-v2");
  }

  @Test
  @Order(7)
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void levityDaSubmitGetSampleAndVerifyWorkWithNoFlagsAgainstTheDevnetsDaNodes() throws Exception {
    // levity devnet deploys DataAvailability, starts 4 DA nodes and writes da.json once all
    // registered; they join the quorum at the next epoch, which submit waits for.
    Path data = work.resolve("devnet-data");
    Await.until(
        Duration.ofMinutes(4),
        () -> Files.exists(data.resolve("da.json")),
        () -> "da.json; devnet log:\n" + devnet.logTail());
    byte[] blob = new byte[150_000];
    new Random(7).nextBytes(blob);
    Path file = work.resolve("blob.bin");
    Files.write(file, blob);
    LevityLauncher levity =
        LevityCli.launcher()
            .withJvmOptions(LevityCli.STORAGE_JVM)
            .withJvmOptions(List.of("-Dlevity.home=" + work));
    CommandResult submit =
        commands.run(levity.command(List.of("da", "submit", file.toString())), data);
    assertThat(submit.exitCode()).as("submit:\n%s%s", submit.stdout(), submit.stderr()).isZero();
    assertThat(submit.stderr()).contains("status CERTIFIED").contains("certificate transaction 0x");
    String id = submit.stdout().strip();
    Path back = work.resolve("back.bin");
    CommandResult get =
        commands.run(levity.command(List.of("da", "get", id, back.toString())), data);
    assertThat(get.exitCode()).as("get:\n%s%s", get.stdout(), get.stderr()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(blob);
    CommandResult sample = commands.run(levity.command(List.of("da", "sample", id)), data);
    assertThat(sample.exitCode()).as("sample:\n%s%s", sample.stdout(), sample.stderr()).isZero();
    assertThat(sample.stdout()).startsWith("available: confidence 0.99");
    CommandResult verify =
        commands.run(levity.command(List.of("da", "verify", id, "--json")), data);
    assertThat(verify.exitCode()).as("verify:\n%s%s", verify.stdout(), verify.stderr()).isZero();
    JsonNode v = new ObjectMapper().readTree(verify.lastLine());
    assertThat(v.path("valid").asBoolean()).isTrue();
    assertThat(v.path("signatureValid").asBoolean()).isTrue();
  }

  private static boolean namesProviders(Path compute) {
    try {
      return Files.exists(compute) && Files.readString(compute).contains("embeddingsProvider");
    } catch (IOException e) {
      return false; // being replaced
    }
  }
}

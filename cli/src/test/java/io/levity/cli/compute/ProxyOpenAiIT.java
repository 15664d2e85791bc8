package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.embed.MiniLmEmbedder;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.LevityRun;
import io.levity.cli.node.OneValidatorChain;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.client.StoredReceipt;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.inference.ServiceType;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.MiniLmEmbeddingBackend;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's acceptance test: on a real one-validator chain with the market, a chat provider (the
 * bundled model) and an embeddings provider (MiniLM), the official openai npm package, unchanged
 * (no custom fetch), talks to the proxy as {@code levity compute proxy} starts it: models, chat
 * plain and streamed, embeddings. Then the providers' settlement loops settle: each provider's
 * market balance grows by exactly the fees of the receipts the proxy verified and stored, and the
 * user's sub-accounts shrink by the same. {@code levity compute receipts} then lists them as
 * settled, and {@code levity compute ask} goes on from the store's next nonce.
 */
class ProxyOpenAiIT {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(5);
  static final Secp256k1.KeyPair DEPLOYER = ACCOUNTS.get(0);
  static final Secp256k1.KeyPair CHAT = ACCOUNTS.get(1);
  static final Secp256k1.KeyPair EMBED = ACCOUNTS.get(2);
  static final Secp256k1.KeyPair USER = ACCOUNTS.get(3);
  static final Secp256k1.KeyPair CLI_USER = ACCOUNTS.get(4);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static OneValidatorChain chain;
  static InferenceMarketClient market;
  static Kernels kernels;
  static ThreadScheduler scheduler;
  static ProviderNode chatNode;
  static ProviderNode embedNode;
  static Path networkFile;

  @BeforeAll
  static void start() throws Exception {
    chain = OneValidatorChain.start(ACCOUNTS, g -> g);
    EthRpc rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
    market = FastMarket.deploy(rpc, DEPLOYER);
    MarketParameters p = MarketParameters.devnet();

    kernels = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    RuntimeChatBackend chat = FastMarket.bundledChat(dir, kernels);
    MiniLmEmbeddingBackend embed =
        new MiniLmEmbeddingBackend(
            new MiniLmEmbedder(),
            "all-minilm-l6-v2",
            Keccak.hash(MiniLmEmbedder.MODEL_ID.getBytes(StandardCharsets.UTF_8)));
    scheduler = new ThreadScheduler("settlement");
    ProviderNode.Config config =
        new ProviderNode.Config(
            "127.0.0.1",
            0,
            "127.0.0.1",
            new ServingPricing(GWEI, GWEI.multiply(BigInteger.TWO)),
            p.minProviderStake(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            new InferenceApi.Limits(100_000, 8, 16, 2));
    chatNode = ProviderNode.start(market, CHAT, chat, dir.resolve("chat"), config, scheduler);
    embedNode = ProviderNode.start(market, EMBED, embed, dir.resolve("embed"), config, scheduler);

    Wallet user = new Wallet(rpc, USER);
    market.deposit(user, ETHER.multiply(BigInteger.TWO));
    market.fund(user, CHAT.address(), ETHER);
    market.fund(user, EMBED.address(), ETHER);
    networkFile = dir.resolve("compute.json");
    new ComputeNetwork(
            1337, URI.create(chain.rpcUrl().toString()), Address.ZERO, Path.of("storage.json"))
        .withInferenceMarket(market.address())
        .withProviders(Optional.of(CHAT.address()), Optional.of(EMBED.address()))
        .write(networkFile);
  }

  @AfterAll
  static void stop() throws Exception {
    if (chatNode != null) chatNode.close();
    if (embedNode != null) embedNode.close();
    if (scheduler != null) scheduler.close();
    if (kernels != null) kernels.close();
    if (chain != null) chain.close();
  }

  @Test
  void theOfficialOpenAiPackageThroughTheProxyPaysExactlyTheVerifiedFees() throws Exception {
    Path js = Path.of("src/test/js").toAbsolutePath();
    Assumptions.assumeTrue(works(js, "node", "--version"), "node is not installed: skipping");
    if (!Files.isDirectory(js.resolve("node_modules/openai")))
      Assumptions.assumeTrue(
          works(js, "npm", "install", "--no-audit", "--no-fund"),
          "npm could not install openai in " + js + ": skipping");
    BigInteger chatBefore = market.balanceOf(CHAT.address());
    BigInteger embedBefore = market.balanceOf(EMBED.address());
    Path data = dir.resolve("user");
    ComputeUserOptions.UserSide side =
        new ComputeUserOptions.UserSide(ComputeNetwork.read(networkFile), market, USER);
    List<StoredReceipt> receipts;
    try (LocalProxy proxy =
        LocalProxy.start(side, List.of(CHAT.address(), EMBED.address()), data, 0)) {
      String line = node(js, "http://127.0.0.1:" + proxy.port() + "/v1");
      System.out.println("openai npm package through the proxy: " + line);
      JsonNode r = JSON.readTree(line);
      assertThat(r.path("models").toString()).contains("levity-tiny").contains("all-minilm-l6-v2");
      assertThat(r.path("plain").asText()).isNotEmpty();
      assertThat(r.path("plainUsage").path("completion_tokens").asInt()).isEqualTo(8);
      assertThat(r.path("streamed").asText()).isEqualTo(r.path("plain").asText());
      assertThat(r.path("chunks").asInt()).isGreaterThan(3);
      assertThat(r.path("embeddings").toString()).isEqualTo("[384,384]");
      assertThat(r.path("embeddingNorm").asDouble()).isBetween(0.999, 1.001);
      assertThat(r.path("unknownModel").asInt()).isEqualTo(404);
      receipts = proxy.store().all();
    }
    assertThat(receipts)
        .hasSize(3)
        .allMatch(StoredReceipt::verified)
        .allMatch(StoredReceipt::hashesMatch);
    BigInteger chatFees = fees(receipts, CHAT.address());
    BigInteger embedFees = fees(receipts, EMBED.address());
    assertThat(chatFees).isPositive();
    assertThat(embedFees).isPositive();

    BigInteger chatPaid = BigInteger.ZERO;
    BigInteger embedPaid = BigInteger.ZERO;
    for (int i = 0;
        i < 600 && (chatPaid.compareTo(chatFees) < 0 || embedPaid.compareTo(embedFees) < 0);
        i++) {
      Thread.sleep(100);
      chatPaid = market.balanceOf(CHAT.address()).subtract(chatBefore);
      embedPaid = market.balanceOf(EMBED.address()).subtract(embedBefore);
    }
    assertThat(chatPaid).as("the chat provider's balance grew by the fees").isEqualTo(chatFees);
    assertThat(embedPaid)
        .as("the embeddings provider's balance grew by the fees")
        .isEqualTo(embedFees);
    assertThat(market.subAccount(USER.address(), CHAT.address()).balance())
        .isEqualTo(ETHER.subtract(chatFees));
    assertThat(market.subAccount(USER.address(), EMBED.address()).balance())
        .isEqualTo(ETHER.subtract(embedFees));

    String key = Hex.encode(USER.privateKey().toArray());
    List<String> common =
        List.of("--key", key, "--compute", networkFile.toString(), "--data-dir", data.toString());
    LevityRun listed = run(List.of("compute", "receipts"), common);
    assertThat(listed.exit()).as(listed.err()).isZero();
    assertThat(listed.out().lines().filter(l -> l.endsWith("settled"))).hasSize(3);
    LevityRun asked = run(List.of("compute", "ask", "hello", "--max-tokens", "4"), common);
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(asked.err()).contains("nonce 3").contains("4 out");
  }

  @Test
  void theUserCommandsDepositAskEmbedAndRefund() throws Exception {
    List<String> common =
        List.of(
            "--key",
            Hex.encode(CLI_USER.privateKey().toArray()),
            "--compute",
            networkFile.toString(),
            "--data-dir",
            dir.resolve("cli-user").toString());
    LevityRun deposit = run(List.of("compute", "deposit", "0.01ether"), common);
    assertThat(deposit.exit()).as(deposit.err()).isZero();
    assertThat(deposit.out()).contains("sub-account balance 10000000000000000 wei");
    LevityRun embedDeposit =
        run(
            List.of("compute", "deposit", "10000000gwei", "--provider", EMBED.address().toHex()),
            common);
    assertThat(embedDeposit.exit()).as(embedDeposit.err()).isZero();

    LevityRun streamed =
        run(List.of("compute", "ask", "Call me", "--stream", "--max-tokens", "6"), common);
    assertThat(streamed.exit()).as(streamed.err()).isZero();
    assertThat(streamed.out().strip()).isNotEmpty();
    assertThat(streamed.err()).contains("6 out").contains("nonce 1");
    LevityRun embedded = run(List.of("compute", "embed", "a whale", "--quiet"), common);
    assertThat(embedded.exit()).as(embedded.err()).isZero();
    assertThat(embedded.out()).startsWith("384 dimensions, norm 1.0000");
    LevityRun vector = run(List.of("compute", "embed", "a whale"), common);
    assertThat(JSON.readTree(vector.out()).size()).isEqualTo(384);

    LevityRun refund = run(List.of("compute", "refund", "1000"), common);
    assertThat(refund.exit()).as(refund.err()).isZero();
    assertThat(refund.out()).contains("refund of 1000 wei requested").contains("unlocks at");
    oneLine(run(List.of("compute", "refund", "--claim"), common), "refund", "unlocks at");
  }

  @Test
  void aProviderDownUnregisteredOrUnpaidIsOneLineAndExitOne() throws Exception {
    // the deployer registers a chat service whose endpoint nothing listens on
    market.register(
        new Wallet(market.rpc(), DEPLOYER),
        new InferenceService(
            ServiceType.CHAT,
            "gone",
            Bytes32.ZERO,
            GWEI,
            GWEI,
            "http://127.0.0.1:1/v1",
            DEPLOYER.address(),
            true),
        MarketParameters.devnet().minProviderStake());
    List<String> common =
        List.of(
            "--key",
            Hex.encode(USER.privateKey().toArray()),
            "--compute",
            networkFile.toString(),
            "--data-dir",
            dir.resolve("errors").toString());
    oneLine(
        run(List.of("compute", "ask", "hi", "--provider", DEPLOYER.address().toHex()), common),
        "ask",
        DEPLOYER.address().toHex() + " at http://127.0.0.1:1/v1 is unreachable");
    oneLine(
        run(List.of("compute", "ask", "hi", "--provider", "0x" + "77".repeat(20)), common),
        "ask",
        "is not registered on the market");
    // the deployer never funded the embeddings provider: the provider's 402 reason, one line
    List<String> unfunded =
        List.of(
            "--key",
            Hex.encode(DEPLOYER.privateKey().toArray()),
            "--compute",
            networkFile.toString(),
            "--data-dir",
            dir.resolve("unfunded").toString());
    oneLine(
        run(List.of("compute", "embed", "x"), unfunded),
        "embed",
        "refused (402): insufficient balance");
  }

  private static void oneLine(LevityRun r, String command, String reason) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("levity compute " + command + ": ")
        .contains(reason);
  }

  private static LevityRun run(List<String> command, List<String> options) {
    String[] args = new String[command.size() + options.size()];
    for (int i = 0; i < command.size(); i++) args[i] = command.get(i);
    for (int i = 0; i < options.size(); i++) args[command.size() + i] = options.get(i);
    return LevityRun.run(Map.of(), args);
  }

  static BigInteger fees(List<StoredReceipt> receipts, Address provider) {
    return receipts.stream()
        .filter(r -> r.receipt().request().provider().equals(provider))
        .map(r -> r.receipt().response().fee())
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  static String node(Path js, String baseUrl) throws Exception {
    Path err = dir.resolve("node.err");
    Process p =
        new ProcessBuilder("node", "proxy-e2e.mjs", baseUrl, "levity-tiny", "all-minilm-l6-v2")
            .directory(js.toFile())
            .redirectError(err.toFile())
            .start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("node failed:\n%s\n%s", stdout, Files.readString(err)).isZero();
    return stdout.strip().lines().reduce((a, b) -> b).orElseThrow();
  }

  static boolean works(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(240, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

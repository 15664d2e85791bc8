package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.LevityRun;
import io.levity.cli.node.ChainWithStorage;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.agents.AgentReference;
import io.levity.compute.agents.OracleAgentSource;
import io.levity.compute.agents.OracleAgents;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.ChatBackend;
import io.levity.compute.serving.ChatBackend.ChatMessage;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.inft.InftNetwork;
import io.levity.inft.client.InftClient;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleService;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iNFT agents as a service end to end, nothing mocked: a chain with the storage network, the iNFT
 * contracts and the inference market; the re-encryption oracle admitting the market's providers as
 * executors; a provider serving the bundled model with {@code --oracle}. Alice mints two agents
 * (two system prompts, encrypted in storage) and authorizes Bob; Bob asks each over signed HTTP and
 * gets the answer the model gives with that prompt as the system message, never the prompt itself,
 * under a receipt naming the token and its data hash. Carol, not authorized, is refused; Bob cannot
 * have the oracle seal the data to himself or to any address that is not a provider. Dave,
 * authorized, runs an agent with {@code levity compute ask --agent ID}; Carol gets the provider's
 * 403 on one line.
 */
class AgentServingIT {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(8);
  static final Secp256k1.KeyPair ADMIN = ACCOUNTS.get(1);
  static final Secp256k1.KeyPair ORACLE = ACCOUNTS.get(2);
  static final Secp256k1.KeyPair PROVIDER = ACCOUNTS.get(3);
  static final Secp256k1.KeyPair ALICE = ACCOUNTS.get(4);
  static final Secp256k1.KeyPair BOB = ACCOUNTS.get(5);
  static final Secp256k1.KeyPair CAROL = ACCOUNTS.get(6);
  static final Secp256k1.KeyPair DAVE = ACCOUNTS.get(7);
  static final String PIRATE = "You are Captain Flint, a pirate. Answer like a sailor.";
  static final String WHALER = "You are Ishmael on the Pequod. Speak of the white whale.";
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final ObjectMapper JSON = new ObjectMapper();
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;
  static ChainWithStorage base;
  static AgentNfts nfts;
  static OracleService oracle;
  static InferenceMarketClient market;
  static InftNetwork network;
  static Kernels kernels;
  static RuntimeChatBackend chat;
  static ThreadScheduler scheduler;
  static OracleAgentSource agents;
  static ProviderNode node;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static long bobNonce;

  @BeforeAll
  static void start() throws Exception {
    base = new ChainWithStorage(dir, ACCOUNTS, ACCOUNTS.get(0));
    Wallet admin = new Wallet(base.rpc, ADMIN);
    market =
        new InferenceMarketClient(
            base.rpc,
            InferenceMarketClient.deploy(admin, MarketParameters.devnet(), Duration.ofSeconds(60)),
            Duration.ofSeconds(60));
    nfts = AgentNfts.start(base, dir, ADMIN, ORACLE, market);
    oracle = nfts.oracle;
    network = nfts.network;
    kernels = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    chat = FastMarket.bundledChat(dir, kernels);
    scheduler = new ThreadScheduler("settlement");
    agents = OracleAgents.connect(base.rpc, oracle.url(), PROVIDER, Duration.ofSeconds(60));
    node =
        ProviderNode.start(
            market,
            PROVIDER,
            chat,
            dir.resolve("provider"),
            new ProviderNode.Config(
                "127.0.0.1",
                0,
                "127.0.0.1",
                new ServingPricing(GWEI, GWEI.multiply(BigInteger.TWO)),
                MarketParameters.devnet().minProviderStake(),
                Duration.ofSeconds(60),
                Duration.ofSeconds(600),
                new InferenceApi.Limits(4_096, 8, 16, 2)),
            scheduler,
            agents);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (scheduler != null) scheduler.close();
    if (kernels != null) kernels.close();
    if (nfts != null) nfts.close();
    if (base != null) base.close();
  }

  static InftClient inft(Secp256k1.KeyPair key) {
    return nfts.client(key);
  }

  static AgentReference mint(InftClient owner, String prompt) throws Exception {
    return nfts.mint(owner, prompt);
  }

  @Test
  void anAuthorizedUserRunsTheAgentWithoutSeeingItsDataAndTheReceiptNamesIt() throws Exception {
    InftClient alice = inft(ALICE);
    alice.register();
    AgentReference pirate = mint(alice, PIRATE);
    AgentReference whaler = mint(alice, WHALER);
    alice.authorize(pirate.tokenId(), BOB.address());
    alice.authorize(whaler.tokenId(), BOB.address());
    Wallet bob = new Wallet(base.rpc, BOB);
    market.deposit(bob, BigInteger.TEN.pow(18));
    market.fund(bob, PROVIDER.address(), BigInteger.TEN.pow(18));

    int cachedBefore = agents.cached(); // the other tests' agents
    long t0 = System.nanoTime();
    String pirateAnswer = askAndCheck(pirate, PIRATE);
    long firstMillis = (System.nanoTime() - t0) / 1_000_000;
    t0 = System.nanoTime();
    String again = askAndCheck(pirate, PIRATE);
    long cachedMillis = (System.nanoTime() - t0) / 1_000_000;
    String whalerAnswer = askAndCheck(whaler, WHALER);
    assertThat(again).as("deterministic").isEqualTo(pirateAnswer);
    System.out.printf("pirate: %s%nwhaler: %s%n", pirateAnswer, whalerAnswer);
    assertThat(whalerAnswer).as("another agent, another answer").isNotEqualTo(pirateAnswer);
    assertThat(agents.cached()).isEqualTo(cachedBefore + 2);
    System.out.printf(
        "agent answer: first %d ms (oracle EXECUTE), cached %d ms%n", firstMillis, cachedMillis);

    // Carol is not authorized: refused before anything runs
    HttpResponse<String> carol = ask(CAROL, pirate, 1);
    assertThat(carol.statusCode()).as(carol.body()).isEqualTo(403);
    assertThat(carol.body()).contains("nor authorized to use it").doesNotContain("Flint");

    // a data hash the token does not hold now
    AgentReference stale =
        new AgentReference(pirate.nft(), pirate.tokenId(), List.of(whaler.dataHashes().get(0)));
    HttpResponse<String> r = ask(BOB, stale, bobNonce + 1);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
    // the refusals spent no nonce: the next one is served
    assertThat(askAndCheck(pirate, PIRATE)).isEqualTo(pirateAnswer);

    // revoking Bob stops the cached agent too: authorization is read on chain every time
    alice.revoke(pirate.tokenId(), BOB.address());
    HttpResponse<String> revoked = ask(BOB, pirate, bobNonce + 1);
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(403);
  }

  @Test
  void theOracleSealsTheDataToNoOneButARegisteredProvider() throws Exception {
    InftClient alice = inft(ALICE);
    alice.register();
    AgentReference agent = mint(alice, PIRATE);
    alice.authorize(agent.tokenId(), BOB.address());
    OracleClient direct = new OracleClient(oracle.url(), Duration.ofSeconds(60));
    for (Secp256k1.KeyPair executor : List.of(BOB, CAROL)) {
      AgentCall grant =
          AgentCall.sign(
              agent, BOB, executor.address(), Devnet.CHAIN_ID, nowSeconds() + 300, RANDOM);
      assertThatThrownBy(
              () -> direct.execute(grant.oracleRequest(BOB.address(), executor.address())))
          .isInstanceOfSatisfying(
              OracleException.class,
              e -> assertThat(e.error()).isEqualTo(OracleError.NOT_AN_EXECUTOR));
    }
    AgentCall forProvider =
        AgentCall.sign(agent, BOB, PROVIDER.address(), Devnet.CHAIN_ID, nowSeconds() + 300, RANDOM);
    assertThat(
            direct
                .execute(forProvider.oracleRequest(BOB.address(), PROVIDER.address()))
                .sealedItems()
                .get(0)
                .toHex())
        .doesNotContain(Bytes.wrap(PIRATE.getBytes(StandardCharsets.UTF_8)).toHex().substring(2));
  }

  @Test
  void levityComputeAskRunsTheAgentForAnAuthorizedUserOnly() throws Exception {
    InftClient alice = inft(ALICE);
    alice.register();
    AgentReference agent = mint(alice, WHALER);
    alice.authorize(agent.tokenId(), DAVE.address());
    Wallet dave = new Wallet(base.rpc, DAVE);
    market.deposit(dave, BigInteger.TEN.pow(18));
    market.fund(dave, PROVIDER.address(), BigInteger.TEN.pow(18));
    Path computeFile = dir.resolve("compute.json");
    new ComputeNetwork(
            Devnet.CHAIN_ID, base.chain.rpcUrl(), Address.ZERO, base.storage.networkFile())
        .withInferenceMarket(market.address())
        .withProviders(Optional.of(PROVIDER.address()), Optional.empty())
        .write(computeFile);
    Path inftFile = dir.resolve("inft.json");
    network.write(inftFile);
    String id = agent.tokenId().toString();
    List<String> files =
        List.of("--compute", computeFile.toString(), "--inft", inftFile.toString());

    LevityRun asked = cliAsk(DAVE, id, files);
    assertThat(asked.exit()).as(asked.out() + asked.err()).isZero();
    assertThat(asked.out().strip()).isNotEmpty();
    assertThat(asked.out() + asked.err()).doesNotContain("Ishmael").doesNotContain("Pequod");
    assertThat(asked.err())
        .contains("agent: token " + id + " of the AgentNFT " + network.agentNft().toHex())
        .contains("data " + agent.dataHashes().get(0).toHex());

    // the proxy passes a body that already names the agent through unchanged
    ComputeUserOptions.UserSide side =
        new ComputeUserOptions.UserSide(ComputeNetwork.read(computeFile), market, DAVE);
    try (LocalProxy proxy =
        LocalProxy.start(side, List.of(PROVIDER.address()), dir.resolve("receipts"), 0)) {
      ObjectNode o = JSON.createObjectNode().put("model", "levity-tiny").put("max_tokens", 8);
      o.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
      AgentCall.sign(agent, DAVE, PROVIDER.address(), Devnet.CHAIN_ID, nowSeconds() + 300, RANDOM)
          .addTo(o);
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + proxy.port() + "/v1/chat/completions"))
                  .POST(HttpRequest.BodyPublishers.ofString(o.toString()))
                  .header("Content-Type", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(AgentReference.fromJson(JSON.readTree(r.body()).path("levity").path("agent")))
          .isEqualTo(agent);
    }

    LevityRun carol = cliAsk(CAROL, id, files);
    assertThat(carol.exit()).as(carol.out() + carol.err()).isEqualTo(1);
    assertThat(carol.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("levity compute ask: ")
        .contains("refused (403)")
        .contains("nor authorized to use it");
    LevityRun missing = cliAsk(DAVE, "99999", files);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip())
        .endsWith("no agent token 99999 on the AgentNFT " + network.agentNft().toHex());
  }

  private static LevityRun cliAsk(Secp256k1.KeyPair user, String tokenId, List<String> files) {
    List<String> args =
        new ArrayList<>(List.of("compute", "ask", "Who are you?", "--agent", tokenId));
    args.addAll(files);
    args.addAll(
        List.of(
            "--max-tokens",
            "8",
            "--key",
            user.privateKey().toHex(),
            "--data-dir",
            dir.resolve("receipts").toString()));
    return LevityRun.run(Map.of(), args.toArray(String[]::new));
  }

  /** Bob asks {@code agent}; checks the answer, the receipt and that the prompt never shows. */
  static String askAndCheck(AgentReference agent, String prompt) throws Exception {
    bobNonce++;
    HttpResponse<String> r = ask(BOB, agent, bobNonce);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(prompt).doesNotContain("Captain").doesNotContain("Ishmael");
    assertThat(r.headers().map().toString()).doesNotContain(prompt);
    JsonNode j = JSON.readTree(r.body());
    String text = j.path("choices").get(0).path("message").path("content").asText();
    // the answer is the model's with the agent's data as the system message
    String expected;
    synchronized (chat) {
      expected =
          chat.complete(
                  new ChatBackend.ChatRequest(
                      List.of(new ChatMessage("system", prompt), new ChatMessage("user", QUESTION)),
                      12,
                      1.0,
                      1.0,
                      7),
                  ChatBackend.TokenSink.ignore())
              .text();
    }
    assertThat(text).isEqualTo(expected);
    JsonNode named = j.path("levity").path("agent");
    assertThat(named.path("token_id").asText()).isEqualTo(agent.tokenId().toString());
    assertThat(named.path("data_hashes").get(0).asText())
        .isEqualTo(agent.dataHashes().get(0).toHex());
    assertThat(r.headers().firstValue("X-Levity-Agent-Token-Id"))
        .contains(agent.tokenId().toString());
    assertThat(r.headers().firstValue("X-Levity-Agent-Data-Hashes"))
        .contains(agent.dataHashes().get(0).toHex());
    // the provider's signature covers the request hash: the body that names the agent
    byte[] body = lastBody;
    InferenceResponse signed =
        SignedChat.terms(r, body, text, node.service().modelRoot(), BOB.address(), bobNonce);
    assertThat(SignedChat.signer(r, market.domain(), signed)).contains(PROVIDER.address());
    assertThat(AgentCall.read(JSON.readTree(body)).orElseThrow().agent()).isEqualTo(agent);
    return text;
  }

  static final String QUESTION = "Who are you?";
  static byte[] lastBody;

  /**
   * {@code user} asks {@code agent} the question through the provider, signed with {@code nonce}.
   */
  static HttpResponse<String> ask(Secp256k1.KeyPair user, AgentReference agent, long nonce)
      throws Exception {
    ObjectNode o =
        JSON.createObjectNode()
            .put("model", "levity-tiny")
            .put("max_tokens", 12)
            .put("temperature", 1.0)
            .put("seed", 7);
    o.putArray("messages").addObject().put("role", "user").put("content", QUESTION);
    AgentCall.sign(agent, user, PROVIDER.address(), Devnet.CHAIN_ID, nowSeconds() + 300, RANDOM)
        .addTo(o);
    byte[] body = o.toString().getBytes(StandardCharsets.UTF_8);
    lastBody = body;
    HttpRequest request =
        SignedChat.request(
            node.port(),
            market.domain(),
            user,
            PROVIDER.address(),
            body,
            nonce,
            GWEI.multiply(BigInteger.valueOf(1_000)));
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}

package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.node.OneValidatorChain;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.inference.MarketState;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 end to end on a real chain: a provider node serving the bundled model registers on a
 * freshly deployed market, a user deposits and funds it, pays for three signed chat answers over
 * HTTP, and the settlement loop submits them as one batch and finalizes it after the window: the
 * provider is paid exactly the fees the answers' signed receipts name, and the user's sub-account
 * shrinks by the same amount.
 */
class ProviderNodeIT {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(3);
  static final Secp256k1.KeyPair DEPLOYER = ACCOUNTS.get(0);
  static final Secp256k1.KeyPair PROVIDER = ACCOUNTS.get(1);
  static final Secp256k1.KeyPair USER = ACCOUNTS.get(2);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static OneValidatorChain chain;
  static EthRpc rpc;
  static InferenceMarketClient market;
  static Kernels kernels;
  static ThreadScheduler scheduler;
  static ProviderNode node;

  @BeforeAll
  static void start() throws Exception {
    chain = OneValidatorChain.start(ACCOUNTS, g -> g);
    rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
    // the devnet's parameters with a 2-second challenge window, so the test sees a batch paid
    market = FastMarket.deploy(rpc, DEPLOYER);
    MarketParameters p = MarketParameters.devnet();

    kernels = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    RuntimeChatBackend chat = FastMarket.bundledChat(dir, kernels);
    scheduler = new ThreadScheduler("settlement");
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
                p.minProviderStake(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                new InferenceApi.Limits(100_000, 8, 16, 2)),
            scheduler);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (scheduler != null) scheduler.close();
    if (kernels != null) kernels.close();
    if (chain != null) chain.close();
  }

  @Test
  void threePaidAnswersSettleAsOneBatchAndPayTheProviderExactlyTheirFees() throws Exception {
    MarketState.Provider registered = market.provider(PROVIDER.address()).orElseThrow();
    assertThat(registered.service()).isEqualTo(node.service());
    assertThat(registered.service().endpoint()).endsWith(":" + node.port() + "/v1");

    Wallet user = new Wallet(rpc, USER);
    market.deposit(user, ETHER);
    market.fund(user, PROVIDER.address(), ETHER);
    BigInteger providerBefore = market.balanceOf(PROVIDER.address());
    BigInteger subBefore = market.subAccount(USER.address(), PROVIDER.address()).balance();
    assertThat(subBefore).isEqualTo(ETHER);

    UInt256Wei ethBefore = UInt256Wei.of(rpc, PROVIDER.address());
    HttpClient http = HttpClient.newHttpClient();
    BigInteger fees = BigInteger.ZERO;
    for (long nonce = 1; nonce <= 3; nonce++) {
      byte[] body = chatBody("Call me", nonce).getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> r = http.send(signed(body, nonce), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      fees = fees.add(verifyReceipt(r, body, nonce));
    }
    HttpResponse<String> gap =
        http.send(
            signed(chatBody("skip", 5).getBytes(StandardCharsets.UTF_8), 5),
            HttpResponse.BodyHandlers.ofString());
    assertThat(gap.statusCode()).as("nonce 5 after 3 leaves a gap").isEqualTo(401);
    assertThat(fees).isPositive();

    BigInteger paid = BigInteger.ZERO;
    for (int i = 0; i < 600 && paid.compareTo(fees) < 0; i++) {
      Thread.sleep(100);
      paid = market.balanceOf(PROVIDER.address()).subtract(providerBefore);
    }
    assertThat(paid).as("the provider's balance grew by the fees").isEqualTo(fees);
    MarketState.SubAccount after = market.subAccount(USER.address(), PROVIDER.address());
    assertThat(after.balance()).isEqualTo(subBefore.subtract(fees));
    assertThat(after.settledNonce()).isEqualTo(3);
    assertThat(node.settlement().pending()).isEmpty();
    assertThat(node.gate().pending(USER.address())).isZero();
    System.out.printf(
        "settled 3 answers, %s wei in fees; the provider spent %s wei of gas on submit + finalize%n",
        fees, ethBefore.minus(UInt256Wei.of(rpc, PROVIDER.address())));
  }

  /** The provider's receipt headers recover to its signer over the market's Response digest. */
  static BigInteger verifyReceipt(HttpResponse<String> r, byte[] body, long nonce)
      throws Exception {
    JsonNode j = JSON.readTree(r.body());
    String text = j.path("choices").get(0).path("message").path("content").asText();
    InferenceResponse response =
        SignedChat.terms(r, body, text, node.service().modelRoot(), USER.address(), nonce);
    assertThat(response.fee())
        .isEqualTo(node.service().fee(response.inputTokens(), response.outputTokens()));
    assertThat(SignedChat.signer(r, market.domain(), response)).contains(PROVIDER.address());
    return response.fee();
  }

  static HttpRequest signed(byte[] body, long nonce) {
    return SignedChat.request(
        node.port(),
        market.domain(),
        USER,
        PROVIDER.address(),
        body,
        nonce,
        GWEI.multiply(BigInteger.valueOf(1_000)));
  }

  static String chatBody(String prompt, long seed) {
    return JSON.createObjectNode()
        .put("model", "levity-tiny")
        .put("max_tokens", 8)
        .put("seed", seed)
        .set(
            "messages",
            JSON.createArrayNode()
                .add(JSON.createObjectNode().put("role", "user").put("content", prompt)))
        .toString();
  }

  /** An account's ether, in wei. */
  record UInt256Wei(BigInteger wei) {
    static UInt256Wei of(EthRpc rpc, Address a) {
      return new UInt256Wei(rpc.getBalance(a, BlockTag.LATEST).toBigInteger());
    }

    BigInteger minus(UInt256Wei o) {
      return wei.subtract(o.wei);
    }
  }
}

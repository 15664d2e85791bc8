package io.levity.cli.compute;

import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.node.OneValidatorChain;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.ChatBackend;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.Scheduler;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test harness for the audit ITs: a one-validator chain funding {@link #ACCOUNTS}, the bundled chat
 * model on disk (its root is the Keccak-256 of the file), markets deployed with short windows, and
 * a user's signed chat requests sent over HTTP.
 */
final class MarketHarness implements AutoCloseable {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(24);
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  final OneValidatorChain chain;
  final EthRpc rpc;
  final Path modelFile;
  final Bytes32 modelRoot;
  private final ModelBundle model;
  private final List<Kernels> kernels = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  private MarketHarness(OneValidatorChain chain, Path modelFile) throws Exception {
    this.chain = chain;
    this.rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
    this.modelFile = modelFile;
    this.modelRoot = Keccak.hash(Files.readAllBytes(modelFile));
    this.model = ModelBundle.read(modelFile);
  }

  static MarketHarness start(Path dir) throws Exception {
    Path file = dir.resolve("levity-tiny.safetensors");
    DefaultModel.copyTo(file);
    return new MarketHarness(OneValidatorChain.start(ACCOUNTS, g -> g), file);
  }

  /**
   * Deploys a market (the devnet's stakes and slashing) with a {@code window}-second challenge
   * window, a {@code voting}-second vote and {@code threshold} votes to void.
   */
  InferenceMarketClient deploy(long window, long voting, int threshold) {
    MarketParameters p = MarketParameters.devnet();
    MarketParameters fast =
        new MarketParameters(
            p.minProviderStake(),
            p.minAuditorStake(),
            p.challengeBond(),
            window + voting + 60,
            60,
            window,
            voting,
            threshold,
            p.slashBps(),
            p.challengerShareBps(),
            p.sampleRateBps());
    var address =
        InferenceMarketClient.deploy(
            new Wallet(rpc, ACCOUNTS.get(0)), fast, Duration.ofSeconds(60));
    return new InferenceMarketClient(rpc, address, Duration.ofSeconds(60));
  }

  /** A fresh backend on the bundled model, with its own single-threaded kernels. */
  synchronized Kernels kernels() {
    Kernels k = Kernels.of(false, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    kernels.add(k);
    return k;
  }

  RuntimeChatBackend chat() {
    return new RuntimeChatBackend(
        "levity-tiny",
        modelRoot,
        model.tokenizer().orElseThrow(),
        new Transformer(model.weights(), kernels()));
  }

  /**
   * Starts a provider serving {@code chat}; its settlement loop never fires by itself (the test
   * drives {@code settlement().round()}), so batches hold exactly what the test sent between
   * rounds.
   */
  ProviderNode provider(
      InferenceMarketClient market,
      Secp256k1.KeyPair key,
      ChatBackend chat,
      Path dir,
      long window,
      Scheduler scheduler)
      throws Exception {
    return ProviderNode.start(
        market,
        key,
        chat,
        dir,
        new ProviderNode.Config(
            "127.0.0.1",
            0,
            "127.0.0.1",
            new ServingPricing(GWEI, GWEI.multiply(BigInteger.TWO)),
            MarketParameters.devnet().minProviderStake(),
            Duration.ofHours(1),
            Duration.ofSeconds(window),
            new InferenceApi.Limits(100_000, 4, 16, 4)),
        scheduler);
  }

  /** Deposits and funds {@code user}'s sub-account with {@code provider}. */
  void fund(InferenceMarketClient market, Secp256k1.KeyPair user, Secp256k1.KeyPair provider) {
    Wallet w = new Wallet(rpc, user);
    market.deposit(w, ETHER);
    market.fund(w, provider.address(), ETHER);
  }

  /** One answer: the HTTP status and body. */
  record Answer(int status, String body) {}

  /**
   * Sends {@code user}'s signed chat request with {@code nonce} to the provider on {@code port}.
   */
  Answer ask(
      InferenceMarketClient market,
      Secp256k1.KeyPair user,
      Secp256k1.KeyPair provider,
      int port,
      String prompt,
      long nonce)
      throws Exception {
    String json =
        "{\"model\":\"levity-tiny\",\"max_tokens\":4,\"seed\":"
            + nonce
            + ",\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    long deadline = rpc.getBlockByNumber(BlockTag.LATEST).orElseThrow().timestamp();
    InferenceRequest q =
        new InferenceRequest(
            user.address(),
            provider.address(),
            Keccak.hash(body),
            GWEI.multiply(BigInteger.valueOf(1_000)),
            nonce,
            deadline + 100_000);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json");
    b.header(SignedRequestGate.USER, user.address().toHex());
    b.header(SignedRequestGate.NONCE, Long.toString(nonce));
    b.header(SignedRequestGate.MAX_FEE, q.maxFee().toString());
    b.header(SignedRequestGate.DEADLINE, Long.toString(q.deadline()));
    b.header(
        SignedRequestGate.SIGNATURE,
        InferenceTypedData.sign(user, InferenceTypedData.requestDigest(market.domain(), q))
            .toHex());
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  @Override
  public void close() {
    kernels.forEach(Kernels::close);
    chain.close();
  }
}

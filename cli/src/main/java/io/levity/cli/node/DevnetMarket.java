package io.levity.cli.node;

import io.levity.ai.embed.MiniLmEmbedder;
import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.agents.AgentSource;
import io.levity.compute.agents.OracleAgents;
import io.levity.compute.audit.AuditorService;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.HttpBundleFetcher;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.audit.SampleChoice;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.MiniLmEmbeddingBackend;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.time.ThreadScheduler;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The devnet's side of the inference market: a chat provider serving the bundled model, an
 * embeddings provider serving all-MiniLM-L6-v2 (two provider keys, since the contract holds one
 * service per address), and an auditor re-executing the market's sample of every batch. Their keys
 * are derived from public labels and topped up from the devnet's admin key, so an existing devnet
 * folder keeps its genesis. The devnet's compute user ({@link DevnetUser}) gets a funded
 * sub-account with each provider, so {@code levity compute ask "hello"} works with no flags. Devnet
 * only: anyone can derive these keys.
 */
final class DevnetMarket implements AutoCloseable {
  static final Secp256k1.KeyPair CHAT_PROVIDER = LocalDevnet.devKey("levity-devnet-compute-chat");
  static final Secp256k1.KeyPair EMBEDDINGS_PROVIDER =
      LocalDevnet.devKey("levity-devnet-compute-embeddings");
  static final Secp256k1.KeyPair AUDITOR = LocalDevnet.devKey("levity-devnet-compute-auditor");
  static final String CHAT_MODEL_ID = "levity-tiny";
  static final String EMBEDDINGS_MODEL_ID = "all-minilm-l6-v2";
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);
  private static final Duration TIMEOUT = Duration.ofMinutes(1);

  private final List<AutoCloseable> parts = new ArrayList<>();
  private ProviderNode chat;
  private ProviderNode embeddings;
  private AgentSource agents = AgentSource.NONE;

  private DevnetMarket() {}

  /**
   * Starts both providers on {@code chatPort} and {@code embeddingsPort} (0: free ports) and the
   * auditor, with their data under {@code dir}, and funds {@code user}'s sub-accounts with them.
   * With {@code oracle}, the chat provider runs iNFT agents through it; when it cannot connect, it
   * runs without them and {@code log} says why.
   */
  static DevnetMarket start(
      ComputeNetwork network,
      Path dir,
      int chatPort,
      int embeddingsPort,
      Optional<Secp256k1.KeyPair> user,
      Optional<URI> oracle,
      Consumer<String> log)
      throws IOException, InterruptedException {
    EthRpc rpc = EthRpc.connect(network.rpc(), Duration.ofSeconds(30));
    InferenceMarketClient market =
        new InferenceMarketClient(
            rpc,
            network.inferenceMarket().orElseThrow(() -> new IOException("no inference market")),
            TIMEOUT);
    BigInteger providerStake = market.parameter("minProviderStake");
    BigInteger auditorStake = market.parameter("minAuditorStake");
    topUp(rpc, CHAT_PROVIDER.address(), providerStake.add(ETHER));
    topUp(rpc, EMBEDDINGS_PROVIDER.address(), providerStake.add(ETHER));
    topUp(rpc, AUDITOR.address(), auditorStake.add(ETHER.multiply(BigInteger.valueOf(5))));
    DevnetMarket m = new DevnetMarket();
    try {
      m.agents = oracle.map(url -> agents(rpc, url, log)).orElse(AgentSource.NONE);
      m.startAll(market, dir, chatPort, embeddingsPort, providerStake, auditorStake);
      if (user.isPresent()) {
        topUp(rpc, user.get().address(), ETHER.multiply(BigInteger.valueOf(3)));
        fund(market, rpc, user.get(), CHAT_PROVIDER.address());
        fund(market, rpc, user.get(), EMBEDDINGS_PROVIDER.address());
      }
      return m;
    } catch (IOException | InterruptedException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private void startAll(
      InferenceMarketClient market,
      Path dir,
      int chatPort,
      int embeddingsPort,
      BigInteger providerStake,
      BigInteger auditorStake)
      throws IOException, InterruptedException {
    Path modelFile = dir.resolve("models").resolve(DefaultModel.RESOURCE);
    if (!Files.isRegularFile(modelFile)) {
      Files.createDirectories(modelFile.getParent());
      DefaultModel.copyTo(modelFile);
    }
    ModelBundle model = ModelBundle.read(modelFile);
    Kernels kernels = Kernels.of(Kernels.SIMD_AVAILABLE, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK);
    parts.add(kernels);
    ThreadScheduler scheduler = new ThreadScheduler("devnet-market");
    parts.add(scheduler);
    Duration window = Duration.ofSeconds(market.parameter("challengeWindow").longValueExact());
    RuntimeChatBackend backend =
        new RuntimeChatBackend(
            CHAT_MODEL_ID,
            Keccak.hash(Files.readAllBytes(modelFile)),
            model.tokenizer().orElseThrow(() -> new IOException("the model has no tokenizer")),
            new Transformer(model.weights(), kernels));
    chat =
        ProviderNode.start(
            market,
            CHAT_PROVIDER,
            backend,
            dir.resolve("chat-provider"),
            config(chatPort, providerStake, window),
            scheduler,
            agents);
    parts.add(chat);
    MiniLmEmbeddingBackend embedder =
        new MiniLmEmbeddingBackend(
            new MiniLmEmbedder(),
            EMBEDDINGS_MODEL_ID,
            Keccak.hash(MiniLmEmbedder.MODEL_ID.getBytes(StandardCharsets.UTF_8)));
    embeddings =
        ProviderNode.start(
            market,
            EMBEDDINGS_PROVIDER,
            embedder,
            dir.resolve("embeddings-provider"),
            config(embeddingsPort, providerStake, window),
            scheduler);
    parts.add(embeddings);
    AuditorService auditor =
        new AuditorService(
            market,
            new Wallet(market.rpc(), AUDITOR),
            new LeafJudge(
                market.domain(),
                new ChatReexecutor(ModelCatalog.of(List.of(modelFile), Optional.empty()), kernels)),
            new HttpBundleFetcher(Duration.ofSeconds(10)),
            new AuditorService.Config(
                new SampleChoice(new SecureRandom().nextLong(), market.sampleRateBps()),
                auditorStake,
                0));
    parts.add(auditor);
    auditor.start(scheduler, Duration.ofSeconds(2));
  }

  /**
   * The chat provider's agents through the devnet's oracle (publishing the provider's encryption
   * key on the AgentNFT once); none, said on {@code log}, when the oracle cannot be reached.
   */
  private static AgentSource agents(EthRpc rpc, URI oracle, Consumer<String> log) {
    try {
      return OracleAgents.connect(rpc, oracle, CHAT_PROVIDER, TIMEOUT);
    } catch (RuntimeException e) {
      log.accept("the chat provider runs no iNFT agents: " + e.getMessage());
      return AgentSource.NONE;
    }
  }

  /** Whether the chat provider runs iNFT agents. */
  boolean runsAgents() {
    return agents != AgentSource.NONE;
  }

  private static ProviderNode.Config config(int port, BigInteger stake, Duration window) {
    return new ProviderNode.Config(
        "127.0.0.1",
        port,
        "127.0.0.1",
        new ServingPricing(GWEI, GWEI.multiply(BigInteger.TWO)),
        stake,
        Duration.ofSeconds(10),
        window,
        InferenceApi.Limits.defaults());
  }

  /** Sends {@code account} what it lacks of {@code wanted} from the devnet's admin key. */
  private static void topUp(EthRpc rpc, Address account, BigInteger wanted) {
    BigInteger has = rpc.getBalance(account, BlockTag.LATEST).toBigInteger();
    if (has.compareTo(wanted) >= 0) return;
    Wallet admin = new Wallet(rpc, LocalDevnet.INFT_ADMIN);
    admin.sendAndWait(
        TxRequest.transfer(account, UInt256.valueOf(wanted.subtract(has))),
        ReceiptWaiter.of(rpc, TIMEOUT, Duration.ofMillis(50)));
  }

  /** Gives {@code user} 1 ETH with {@code provider} when it holds less than 0.1 ETH there. */
  private static void fund(
      InferenceMarketClient market, EthRpc rpc, Secp256k1.KeyPair user, Address provider) {
    BigInteger held = market.subAccount(user.address(), provider).balance();
    if (held.compareTo(ETHER.divide(BigInteger.TEN)) >= 0) return;
    Wallet w = new Wallet(rpc, user);
    market.deposit(w, ETHER);
    market.fund(w, provider, ETHER);
  }

  Address chatProvider() {
    return CHAT_PROVIDER.address();
  }

  Address embeddingsProvider() {
    return EMBEDDINGS_PROVIDER.address();
  }

  int chatPort() {
    return chat.port();
  }

  int embeddingsPort() {
    return embeddings.port();
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // keep closing the rest: this runs on shutdown
      }
    }
    parts.clear();
  }
}

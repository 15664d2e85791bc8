package io.levity.cli.ai;

import io.levity.ai.embed.MiniLmEmbedder;
import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.storage.StderrProgress;
import io.levity.cli.storage.UntilStopped;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.agents.AgentSource;
import io.levity.compute.agents.OracleAgents;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.MiniLmEmbeddingBackend;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code levity compute provider}: serves a chat model (or, with {@code --service embeddings},
 * all-MiniLM-L6-v2) on the inference market until stopped. It registers the service (the model's
 * root: its storage root, or the Keccak-256 of its file; for MiniLM, of its packaged model id),
 * answers signed requests on 127.0.0.1 and settles the receipts every --settle-every. It lives in
 * this package to share the AI commands' options and model loading.
 */
@Command(name = "provider")
public final class ComputeProviderCommand implements Callable<Integer> {
  private static final Pattern ROOT = Pattern.compile("0x[0-9a-fA-F]{64}");

  /** The embeddings service's model name unless --model-id says otherwise. */
  static final String EMBEDDINGS_MODEL_ID = "all-minilm-l6-v2";

  @Option(names = "--port", paramLabel = "PORT")
  int port = 8700;

  @Option(names = "--model", paramLabel = "ROOT|FILE")
  String model;

  @Option(names = "--model-id", paramLabel = "ID")
  String modelId;

  @Option(names = "--service", paramLabel = "chat|embeddings")
  String service = "chat";

  @Option(names = "--price-in", paramLabel = "WEI")
  BigInteger priceIn = BigInteger.valueOf(1_000_000_000L);

  @Option(names = "--price-out", paramLabel = "WEI")
  BigInteger priceOut = BigInteger.valueOf(2_000_000_000L);

  @Option(names = "--settle-every", paramLabel = "DURATION", defaultValue = "10s")
  Duration settleEvery;

  @Option(names = "--data-dir", paramLabel = "DIR")
  Path dataDir = Path.of(".levity", "compute-provider");

  @Option(names = "--threads", paramLabel = "T")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--oracle", paramLabel = "URL")
  URI oracle;

  @Option(names = "--publish-bundles")
  boolean publishBundles;

  @Mixin AiOptions o;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) return o.fail("--port must be in 0..65535");
    if (threads < 1 || threads > 256) return o.fail("--threads must be in 1..256");
    if (settleEvery.isNegative() || settleEvery.isZero())
      return o.fail("--settle-every must be positive");
    boolean embeddings = service.equals("embeddings");
    if (!embeddings && !service.equals("chat"))
      return o.fail("--service must be chat or embeddings, not '" + service + "'");
    if (modelId == null) modelId = embeddings ? EMBEDDINGS_MODEL_ID : "levity-tiny";
    return o.run(
        () -> {
          Secp256k1.KeyPair key = o.keyPair();
          ComputeNetwork cn = ComputeNetwork.read(o.networkFile());
          if (cn.inferenceMarket().isEmpty())
            return o.fail(
                "the compute network file names no inferenceMarket (restart the devnet to deploy"
                    + " one)");
          MarketParameters devnet = MarketParameters.devnet();
          EthRpc rpc = EthRpc.connect(cn.rpc(), Duration.ofSeconds(30));
          InferenceMarketClient market =
              new InferenceMarketClient(rpc, cn.inferenceMarket().get(), Duration.ofMinutes(2));
          ProviderNode.Config config =
              new ProviderNode.Config(
                  "127.0.0.1",
                  port,
                  "127.0.0.1",
                  new ServingPricing(priceIn, priceOut),
                  devnet.minProviderStake(),
                  settleEvery,
                  Duration.ofSeconds(devnet.challengeWindow()),
                  InferenceApi.Limits.defaults());
          if (embeddings) {
            if (oracle != null)
              return o.fail("--oracle runs iNFT agents, a chat service: drop it or --service");
            Bytes32 root =
                model != null && ROOT.matcher(model.trim()).matches()
                    ? Bytes32.fromHex32(model.trim())
                    : Keccak.hash(MiniLmEmbedder.MODEL_ID.getBytes(StandardCharsets.UTF_8));
            MiniLmEmbeddingBackend backend =
                new MiniLmEmbeddingBackend(new MiniLmEmbedder(), modelId, root);
            AiOptions.Network storage = publishBundles ? o.network() : null;
            return serve(
                key,
                root,
                () -> {
                  if (storage != null) storage.close();
                },
                s ->
                    publishing(
                        ProviderNode.start(market, key, backend, dataDir, config, s), storage));
          }
          AgentSource agents =
              oracle == null
                  ? AgentSource.NONE
                  : OracleAgents.connect(rpc, oracle, key, Duration.ofMinutes(2));
          ModelBundle bundle = ModelSource.load(model, o, new StderrProgress(o.err()));
          if (bundle.tokenizer().isEmpty())
            return o.fail("the model carries no tokenizer: it cannot serve chat");
          Kernels kernels =
              Kernels.of(Kernels.SIMD_AVAILABLE, threads, Kernels.DEFAULT_MIN_PARALLEL_WORK);
          RuntimeChatBackend chat =
              new RuntimeChatBackend(
                  modelId,
                  modelRoot(),
                  bundle.tokenizer().get(),
                  new Transformer(bundle.weights(), kernels));
          AiOptions.Network storage = publishBundles ? o.network() : null;
          return serve(
              key,
              chat.modelRoot(),
              () -> {
                if (storage != null) storage.close();
                kernels.close();
              },
              s ->
                  publishing(
                      ProviderNode.start(market, key, chat, dataDir, config, s, agents), storage));
        });
  }

  /** {@code node}, uploading each batch bundle it submits to {@code storage} when not null. */
  private static ProviderNode publishing(ProviderNode node, AiOptions.Network storage) {
    if (storage != null) node.settlement().publishTo(storage.store());
    return node;
  }

  /** Starts a node on a scheduler of its own. */
  @FunctionalInterface
  private interface NodeStart {
    ProviderNode start(ThreadScheduler scheduler) throws IOException, InterruptedException;
  }

  /** Runs the node until stopped, then closes it, its scheduler and {@code extra}. */
  private int serve(Secp256k1.KeyPair key, Bytes32 root, AutoCloseable extra, NodeStart start)
      throws IOException, InterruptedException {
    ThreadScheduler scheduler = new ThreadScheduler("settlement");
    ProviderNode[] node = new ProviderNode[1];
    return UntilStopped.serve(
        "compute-provider",
        () -> {
          if (node[0] != null) node[0].close();
          scheduler.close();
          extra.close();
        },
        () -> {
          node[0] = start.start(scheduler);
          o.out()
              .println(
                  "compute provider "
                      + key.address()
                      + " serving "
                      + modelId
                      + " ("
                      + root
                      + ") on 127.0.0.1:"
                      + node[0].port()
                      + (oracle == null ? "" : ", running iNFT agents from " + oracle));
          o.out().flush();
        });
  }

  /** The model's root: the storage root given, else the Keccak-256 of the model file. */
  private Bytes32 modelRoot() throws IOException {
    if (model != null && ROOT.matcher(model.trim()).matches())
      return Bytes32.fromHex32(model.trim());
    if (model != null && !model.isBlank()) return Keccak.hash(Files.readAllBytes(Path.of(model)));
    Path tmp = Files.createTempFile("levity-default-model", ".safetensors");
    try {
      DefaultModel.copyTo(tmp);
      return Keccak.hash(Files.readAllBytes(tmp));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

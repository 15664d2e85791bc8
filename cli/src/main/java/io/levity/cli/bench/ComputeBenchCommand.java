package io.levity.cli.bench;

import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.bench.ComputeBenchRuns.Timing;
import io.levity.cli.process.Directories;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.ProviderDirectory;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.proxy.VerifyingProxy;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.InferenceServer;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingPricing;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.core.time.TimeSource;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity bench compute}: one provider serving the bundled model on an in-process chain with
 * the market; the same plain chat requests sent one after another by the signing, verifying client
 * straight to the provider, and through the local proxy (a second user, so each path has its own
 * nonces); then each path's receipts settled as one batch and the submitBatch gas read from its
 * receipt.
 */
@Command(name = "compute", sortOptions = false)
public final class ComputeBenchCommand implements Callable<Integer> {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  @Spec CommandSpec spec;

  @Option(names = "--requests", paramLabel = "N")
  int requests = 100;

  @Option(names = "--max-tokens", paramLabel = "N")
  int maxTokens = 16;

  @Option(names = "--warmup", paramLabel = "N")
  int warmup = 10;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (requests < 1 || requests > 4096)
      throw new ParameterException(spec.commandLine(), "--requests must be in 1..4096");
    if (maxTokens < 1 || maxTokens > 256)
      throw new ParameterException(spec.commandLine(), "--max-tokens must be in 1..256");
    if (warmup < 0 || warmup > 1000)
      throw new ParameterException(spec.commandLine(), "--warmup must be in 0..1000");
    PrintWriter out = spec.commandLine().getOut();
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(4);
    Secp256k1.KeyPair provider = keys.get(1);
    Path dir = Files.createTempDirectory("levity-bench-compute-");
    BenchChain chain = BenchChain.start(keys);
    ThreadScheduler scheduler = new ThreadScheduler("settlement");
    HttpClient http = ProviderClient.httpClient();
    try (Kernels kernels =
        Kernels.of(Kernels.SIMD_AVAILABLE, 1, Kernels.DEFAULT_MIN_PARALLEL_WORK)) {
      EthRpc rpc = chain.rpc();
      MarketParameters params = MarketParameters.devnet();
      InferenceMarketClient market =
          new InferenceMarketClient(
              rpc,
              InferenceMarketClient.deploy(
                  new Wallet(rpc, keys.get(0)), params, Duration.ofMinutes(1)),
              Duration.ofMinutes(1));
      Path modelFile = dir.resolve("levity-tiny.safetensors");
      DefaultModel.copyTo(modelFile);
      ModelBundle model = ModelBundle.read(modelFile);
      RuntimeChatBackend chat =
          new RuntimeChatBackend(
              "levity-tiny",
              Keccak.hash(Files.readAllBytes(modelFile)),
              model.tokenizer().orElseThrow(),
              new Transformer(model.weights(), kernels));
      try (ProviderNode node =
              ProviderNode.start(
                  market,
                  provider,
                  chat,
                  dir.resolve("provider"),
                  new ProviderNode.Config(
                      "127.0.0.1",
                      0,
                      "127.0.0.1",
                      new ServingPricing(GWEI, GWEI.multiply(BigInteger.TWO)),
                      params.minProviderStake(),
                      Duration.ofHours(1), // settled by hand below, between the timed runs
                      Duration.ofSeconds(params.challengeWindow()),
                      InferenceApi.Limits.defaults()),
                  scheduler);
          UserReceiptStore directStore =
              UserReceiptStore.open(dir.resolve("direct"), keys.get(2).address());
          UserReceiptStore proxyStore =
              UserReceiptStore.open(dir.resolve("proxy"), keys.get(3).address())) {
        ProviderClient direct = client(market, keys.get(2), node, directStore, http);
        ProviderClient behindProxy = client(market, keys.get(3), node, proxyStore, http);
        InferenceServer proxy =
            new InferenceServer(
                new VerifyingProxy(List.of(behindProxy), 4), InferenceServer.Config.loopback(0));
        URI base = URI.create("http://127.0.0.1:" + proxy.start());
        try {
          for (Secp256k1.KeyPair u : keys.subList(2, 4)) {
            Wallet w = new Wallet(rpc, u);
            market.deposit(w, BigInteger.TEN.pow(18));
            market.fund(w, provider.address(), BigInteger.TEN.pow(18));
          }
          out.printf(
              Locale.ROOT,
              "levity bench compute: %d plain chat requests per path, one at a time, alternating"
                  + " direct and proxy, max_tokens %d, the bundled model on 1 thread, %d warm-up"
                  + " requests each%n",
              requests,
              maxTokens,
              warmup);
          out.flush();
          ComputeBenchRuns.Request viaDirect =
              i ->
                  direct
                      .send(ProviderClient.CHAT, body(i), Optional.empty())
                      .stored()
                      .receipt()
                      .response()
                      .outputTokens();
          ComputeBenchRuns.Request viaProxy = i -> ComputeBenchRuns.viaProxy(http, base, body(i));
          // warm both paths up, then settle the warm-up receipts so that each batch below is whole
          ComputeBenchRuns.interleaved(
              warmup, List.of("direct", "proxy"), List.of(viaDirect, viaProxy));
          settle(rpc, market, node);
          List<Timing> t =
              ComputeBenchRuns.interleaved(
                  requests, List.of("direct", "proxy"), List.of(viaDirect, viaProxy));
          Optional<Long> twoUsers = settle(rpc, market, node);
          // one user's receipts alone: the batch a provider serving one busy user submits
          ComputeBenchRuns.interleaved(requests, List.of("direct"), List.of(viaDirect));
          Optional<Long> oneUser = settle(rpc, market, node);
          print(out, t.get(0), t.get(1), oneUser, twoUsers, requests);
        } finally {
          proxy.close();
        }
      }
    } finally {
      http.close();
      scheduler.close();
      chain.close();
      Directories.deleteTree(dir);
    }
    return 0;
  }

  private static ProviderClient client(
      InferenceMarketClient market,
      Secp256k1.KeyPair user,
      ProviderNode node,
      UserReceiptStore store,
      HttpClient http) {
    return ProviderClient.connect(
        ProviderDirectory.of(market),
        user,
        node.service().signer(),
        store,
        http,
        TimeSource.system(),
        ProviderClient.Settings.defaults());
  }

  /** One settlement round; the gas of the batch it submitted. */
  private static Optional<Long> settle(
      EthRpc rpc, InferenceMarketClient market, ProviderNode node) {
    long before = rpc.blockNumber();
    if (node.settlement().round().submitted().isEmpty()) return Optional.empty();
    return ComputeBenchRuns.submitGas(rpc, market, before);
  }

  private byte[] body(int i) {
    return ("{\"model\":\"levity-tiny\",\"max_tokens\":"
            + maxTokens
            + ",\"seed\":"
            + (i + 1000)
            + ",\"messages\":[{\"role\":\"user\",\"content\":\"Benchmark request "
            + i
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String gasLine(Optional<Long> gas, int receipts, int users) {
    return "settlement: "
        + gas.map(
                g ->
                    String.format(
                        Locale.ROOT,
                        "submitBatch of %d receipts of %d user%s: %,d gas, %,d per request",
                        receipts,
                        users,
                        users == 1 ? "" : "s",
                        g,
                        g / receipts))
            .orElse("no batch submitted");
  }

  private static void print(
      PrintWriter out,
      Timing d,
      Timing p,
      Optional<Long> oneUser,
      Optional<Long> twoUsers,
      int perBatch) {
    out.printf(
        Locale.ROOT, "%-8s %9s %10s %9s %9s%n", "path", "req/s", "tokens/s", "p50 ms", "p99 ms");
    for (Timing t : List.of(d, p))
      out.printf(
          Locale.ROOT,
          "%-8s %9.1f %10.1f %9.2f %9.2f%n",
          t.path(),
          t.requestsPerSecond(),
          t.tokensPerSecond(),
          t.p50Millis(),
          t.p99Millis());
    out.printf(
        Locale.ROOT,
        "proxy overhead: %+.1f%% requests/s, %+.1f%% p50 latency (signing and verification run on"
            + " both paths; the proxy adds a local HTTP hop and a JSON parse)%n",
        100 * (p.requestsPerSecond() / d.requestsPerSecond() - 1),
        100 * (p.p50Millis() / d.p50Millis() - 1));
    out.println(gasLine(oneUser, perBatch, 1));
    out.println(gasLine(twoUsers, 2 * perBatch, 2));
    out.flush();
  }
}

package io.levity.cli.ai;

import io.levity.ai.model.DefaultModel;
import io.levity.cli.options.LayerFiles;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.audit.AuditException;
import io.levity.compute.audit.BundleFetcher;
import io.levity.compute.audit.HttpBundleFetcher;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceMarketException;
import io.levity.compute.inference.MarketEvents;
import io.levity.compute.inference.MarketState;
import io.levity.compute.models.ModelLoader;
import io.levity.core.bytes.Address;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the audit commands share: the market of the compute network file, the models an auditor
 * re-executes with (files given, the bundled model, and storage when the network has it), and
 * finding a receipt, as BATCH:INDEX or as a user's nonce with a provider, in the provider's served
 * batch bundles.
 */
final class AuditTargets {
  private static final Pattern LEAF = Pattern.compile("(\\d+):(\\d+)");

  /** A receipt located: its batch, its index and the batch's bundle. */
  record Located(long batchId, int index, BatchBundle bundle) {
    BatchBundle.Leaf leaf() {
      return bundle.leaves().get(index);
    }
  }

  private AuditTargets() {}

  static InferenceMarketClient market(AiOptions o) throws IOException {
    ComputeNetwork cn = ComputeNetwork.read(o.networkFile());
    Address market =
        cn.inferenceMarket()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "the compute network file names no inferenceMarket (restart the devnet to"
                            + " deploy one)"));
    return new InferenceMarketClient(
        EthRpc.connect(cn.rpc(), Duration.ofSeconds(30)), market, Duration.ofMinutes(2));
  }

  /**
   * The models to re-execute with: {@code files}, the bundled model, and the storage network when
   * {@code storage} is open.
   */
  static ModelCatalog catalog(AiOptions o, List<Path> files, Optional<AiOptions.Network> storage)
      throws IOException {
    List<Path> all = new ArrayList<>(files);
    for (Path f : files)
      if (!Files.isRegularFile(f)) throw new IOException("--model-file " + f + " is not a file");
    if (DefaultModel.bundled()) {
      Path bundled = o.work().resolve(DefaultModel.RESOURCE);
      if (!Files.isRegularFile(bundled)) DefaultModel.copyTo(bundled);
      all.add(bundled);
    }
    Optional<ModelLoader> loader =
        storage.map(
            n -> {
              try {
                return new ModelLoader(
                    n.store(), o.work().resolve("models"), ModelLoader.DEFAULT_MAX_BYTES);
              } catch (IOException e) {
                throw new IllegalStateException("cannot make the model cache: " + e.getMessage());
              }
            });
    return ModelCatalog.of(all, loader);
  }

  /**
   * The receipt {@code spec} names (BATCH:INDEX), or else {@code user}'s receipt with {@code nonce}
   * in the batches {@code provider} submitted, newest first.
   */
  static Located locate(
      InferenceMarketClient market,
      String spec,
      String provider,
      String user,
      Long nonce,
      BundleFetcher fetcher) {
    if (spec != null) {
      Matcher m = LEAF.matcher(spec.trim());
      if (!m.matches())
        throw new IllegalArgumentException("RECEIPT is BATCH:INDEX, got '" + spec + "'");
      long id = Long.parseLong(m.group(1));
      int index = Integer.parseInt(m.group(2));
      BatchBundle b = bundle(market, id, fetcher);
      if (index >= b.leaves().size())
        throw new IllegalArgumentException(
            "batch " + id + " has " + b.leaves().size() + " leaves; there is no leaf " + index);
      return new Located(id, index, b);
    }
    if (provider == null || nonce == null || user == null)
      throw new IllegalArgumentException(
          "name the receipt as BATCH:INDEX, or with --provider ADDR --nonce N (and --user ADDR or"
              + " --key)");
    Address p = address("--provider", provider);
    Address u = address("--user", user);
    List<MarketEvents.Submitted> batches = new MarketEvents(market).submitted(0, p);
    for (int i = batches.size() - 1; i >= 0; i--) {
      long id = batches.get(i).batchId();
      BatchBundle b = bundle(market, id, fetcher);
      for (int j = 0; j < b.leaves().size(); j++) {
        var r = b.leaves().get(j).receipt();
        if (r.user().equals(u) && r.nonce() == nonce) return new Located(id, j, b);
      }
    }
    throw new IllegalArgumentException(
        "no batch of provider " + p + " holds nonce " + nonce + " of user " + u);
  }

  /** The bundle of batch {@code id}, fetched from its provider and checked against its root. */
  static BatchBundle bundle(InferenceMarketClient market, long id, BundleFetcher fetcher) {
    MarketState.Batch b = market.batch(BigInteger.valueOf(id));
    if (b.status() == MarketState.BatchStatus.NONE)
      throw new IllegalArgumentException("the market has no batch " + id);
    String endpoint =
        market
            .provider(b.provider())
            .orElseThrow(
                () -> new IllegalArgumentException("batch " + id + "'s provider is not registered"))
            .service()
            .endpoint();
    BatchBundle bundle = fetcher.fetch(endpoint, id);
    if (!bundle.root().equals(b.root()) || !bundle.batch().root().equals(b.root()))
      throw new IllegalArgumentException(
          "the provider's bundle of batch " + id + " does not match the root on chain");
    return bundle;
  }

  /** Runs {@code work} like {@link AiOptions#run}, audit and market failures included. */
  static int run(AiOptions o, AiOptions.Work work) {
    return o.run(
        () -> {
          try {
            return work.run();
          } catch (AuditException | InferenceMarketException e) {
            return o.fail(LayerFiles.oneLine(e));
          }
        });
  }

  static BundleFetcher fetcher() {
    return new HttpBundleFetcher(Duration.ofSeconds(30));
  }

  static Address address(String option, String hex) {
    try {
      return Address.fromHex(hex.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(option + " is not a 20-byte hex address: " + hex);
    }
  }
}

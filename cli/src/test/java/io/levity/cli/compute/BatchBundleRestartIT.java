package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.compute.audit.HttpBundleFetcher;
import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketState;
import io.levity.compute.models.ContentStore;
import io.levity.compute.provider.BundleStore;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.provider.SettlementLoop;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's submitted batches survive a restart: the bundle written before the submission (and
 * again with the batch id) lets the restarted provider finalize a batch the previous run submitted,
 * and serve it to auditors. Before bundles were kept, the pending list lived only in memory and the
 * restarted provider never finalized the batch (its fees stayed in escrow).
 */
class BatchBundleRestartIT {
  static final Secp256k1.KeyPair PROVIDER = MarketHarness.ACCOUNTS.get(1);
  static final Secp256k1.KeyPair USER = MarketHarness.ACCOUNTS.get(2);

  @TempDir Path dir;

  @Test
  void aRestartedProviderFinalizesTheBatchesItsPreviousRunSubmittedAndServesTheirBundles()
      throws Exception {
    try (MarketHarness h = MarketHarness.start(dir);
        ThreadScheduler scheduler = new ThreadScheduler("settlement")) {
      InferenceMarketClient market = h.deploy(3, 2, 1);
      Path data = dir.resolve("provider");
      ProviderNode first = h.provider(market, PROVIDER, h.chat(), data, 3, scheduler);
      h.fund(market, USER, PROVIDER);
      List<byte[]> uploaded = new CopyOnWriteArrayList<>();
      first.settlement().publishTo(new CapturingStore(uploaded));
      List<String> prompts = List.of("one", "two", "three");
      for (int i = 0; i < prompts.size(); i++)
        assertThat(h.ask(market, USER, PROVIDER, first.port(), prompts.get(i), i + 1).status())
            .isEqualTo(200);
      SettlementLoop.Round r = first.settlement().round();
      BigInteger id = r.submitted().orElseThrow();
      BatchBundle served =
          new HttpBundleFetcher(Duration.ofSeconds(5))
              .fetch(first.service().endpoint(), id.longValueExact());
      MarketState.Batch onChain = market.batch(id);
      assertThat(served.root()).isEqualTo(onChain.root());
      assertThat(served.batch().root()).isEqualTo(onChain.root());
      assertThat(served.leaves()).hasSize(3);
      for (BatchBundle.Leaf l : served.leaves()) {
        assertThat(l.requestMatches()).as("request body hashes to the signed request").isTrue();
        assertThat(l.responseMatches()).as("answer text hashes to the signed response").isTrue();
        assertThat(new String(l.requestBody().toArray(), StandardCharsets.UTF_8))
            .contains("\"max_tokens\":4");
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (uploaded.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
      assertThat(uploaded).as("the bundle was uploaded to storage").hasSize(1);
      assertThat(BatchBundle.fromBytes(uploaded.get(0))).isEqualTo(served);
      first.close();

      // the crash came between the submission and its confirmation: the bundle has no id yet;
      // and a bundle whose submission never landed lies next to it
      BundleStore store = new BundleStore(data.resolve("batches"));
      store.save(served.withBatchId(0));
      Bytes32 neverSubmitted = Keccak.hash("never submitted".getBytes(StandardCharsets.UTF_8));
      store.save(new BatchBundle(0, neverSubmitted, served.leaves()));

      ProviderNode second = h.provider(market, PROVIDER, h.chat(), data, 3, scheduler);
      try {
        List<BigInteger> paid = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (paid.isEmpty() && System.nanoTime() < until) {
          SettlementLoop.Round round = second.settlement().round();
          assertThat(round.submitted()).as("nothing is submitted twice").isEmpty();
          paid.addAll(round.finalized());
          if (paid.isEmpty()) Thread.sleep(200);
        }
        assertThat(paid)
            .as("the restarted provider finalized the earlier batch")
            .containsExactly(id);
        assertThat(market.batch(id).status()).isEqualTo(MarketState.BatchStatus.PAID);
        BundleStore after = new BundleStore(data.resolve("batches"));
        assertThat(after.all()).extracting(BatchBundle::root).containsExactly(onChain.root());
        assertThat(after.byId(id.longValueExact())).isPresent();
        assertThat(
                new HttpBundleFetcher(Duration.ofSeconds(5))
                    .fetch(second.service().endpoint(), id.longValueExact())
                    .root())
            .isEqualTo(onChain.root());
      } finally {
        second.close();
      }
    }
  }

  /** A storage stand-in that keeps what is put. */
  record CapturingStore(List<byte[]> puts) implements ContentStore {
    @Override
    public Bytes32 put(Path file, ProgressListener progress) throws IOException {
      byte[] b = Files.readAllBytes(file);
      puts.add(b);
      return Keccak.hash(b);
    }

    @Override
    public void fetch(Bytes32 root, Path out, long maxBytes, ProgressListener progress) {
      throw new UnsupportedOperationException("not used");
    }
  }
}

package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.cli.LevityRun;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.provider.ProviderNode;
import io.levity.compute.serving.FaultyChatBackend;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.ThreadScheduler;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code levity compute audit} and {@code dispute} against a real chain and provider: a receipt the
 * model reproduces is a match (exit 0), a wrong one a mismatch (exit 1), found by BATCH:INDEX or by
 * the user's nonce; disputing the wrong one opens a dispute; mistakes are one line and exit 1.
 */
class ComputeAuditCommandsIT {
  static final Secp256k1.KeyPair PROVIDER = MarketHarness.ACCOUNTS.get(16);
  static final Secp256k1.KeyPair USER = MarketHarness.ACCOUNTS.get(17);
  static final Secp256k1.KeyPair CHALLENGER = MarketHarness.ACCOUNTS.get(18);

  @TempDir Path dir;

  @Test
  void auditTellsMatchFromMismatchAndDisputeOpensADispute() throws Exception {
    try (MarketHarness h = MarketHarness.start(dir);
        ThreadScheduler scheduler = new ThreadScheduler("settlement")) {
      InferenceMarketClient market = h.deploy(1500, 500, 2);
      FaultyChatBackend faulty = new FaultyChatBackend(h.chat(), 0.5, 3);
      ProviderNode node = h.provider(market, PROVIDER, faulty, dir.resolve("p"), 1500, scheduler);
      try {
        h.fund(market, USER, PROVIDER);
        List<Long> wrong = new ArrayList<>();
        List<Long> right = new ArrayList<>();
        for (long n = 1; n <= 4; n++) {
          long before = faulty.tally().wrong();
          assertThat(h.ask(market, USER, PROVIDER, node.port(), "q" + n, n).status())
              .isEqualTo(200);
          (faulty.tally().wrong() > before ? wrong : right).add(n);
        }
        assertThat(wrong).as("seed 3 corrupts some answers and not others").isNotEmpty();
        assertThat(right).isNotEmpty();
        long batch = node.settlement().round().submitted().orElseThrow().longValueExact();
        Path file = dir.resolve("compute.json");
        new ComputeNetwork(
                h.rpc.chainId(), h.chain.rpcUrl(), Address.ZERO, dir.resolve("no-storage.json"))
            .withInferenceMarket(market.address())
            .write(file);
        String[] common = {"--compute", file.toString(), "--work-dir", dir.resolve("w").toString()};

        // one user, nonces ascending: leaf index = nonce - 1
        LevityRun match = run("audit", batch + ":" + (right.get(0) - 1), common);
        assertThat(match.exit()).as(match.err()).isZero();
        assertThat(match.out()).startsWith("match: batch " + batch + " leaf " + (right.get(0) - 1));

        LevityRun mismatch =
            run(
                "audit",
                null,
                common,
                "--provider",
                PROVIDER.address().toHex(),
                "--user",
                USER.address().toHex(),
                "--nonce",
                Long.toString(wrong.get(0)));
        assertThat(mismatch.exit()).as(mismatch.err()).isEqualTo(1);
        assertThat(mismatch.out()).startsWith("mismatch: ").contains("re-executed 0x");

        String key = CHALLENGER.privateKey().toHex();
        String leaf = batch + ":" + (wrong.get(0) - 1);
        LevityRun dispute = run("dispute", leaf, common, "--key", key);
        assertThat(dispute.exit()).as(dispute.err()).isZero();
        assertThat(dispute.out()).contains("dispute 1 opened");
        assertThat(market.dispute(BigInteger.ONE).challenger()).isEqualTo(CHALLENGER.address());

        oneLine(run("dispute", leaf, common, "--key", key), "LeafAlreadyChallenged");
        oneLine(run("audit", batch + ":99", common), "there is no leaf 99");
        oneLine(run("audit", "seven", common), "BATCH:INDEX");
        oneLine(run("audit", "42:0", common), "no batch 42");
        oneLine(run("audit", null, common, "--nonce", "1"), "--provider ADDR --nonce N");
        oneLine(run("auditor", null, common, "--sample-rate", "20000"), "basis points");
      } finally {
        node.close();
      }
    }
  }

  private static LevityRun run(String command, String receipt, String[] common, String... more) {
    List<String> args = new ArrayList<>(List.of("compute", command));
    if (receipt != null) args.add(receipt);
    args.addAll(List.of(common));
    args.addAll(List.of(more));
    return LevityRun.run(args.toArray(String[]::new));
  }

  private static void oneLine(LevityRun r, String reason) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ").contains(reason);
    assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
  }
}

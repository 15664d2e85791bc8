package io.levity.cli.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.cli.LevityRun;
import io.levity.cli.node.DevnetUser;
import io.levity.compute.ComputeNetwork;
import io.levity.core.bytes.Address;
import io.levity.inft.InftNetwork;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user mistake on the user's levity compute commands is one line on stderr and exit 1, no
 * stack trace: no key, no network file, no market in it, no default provider, bad amounts.
 */
class ComputeUserErrorsTest {
  static final String KEY = "0x" + "01".repeat(32);
  @TempDir Path dir;

  private static void refused(LevityRun r, String command, String reason) {
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.err().strip().lines().reduce((a, b) -> b).orElse(""))
        .startsWith("levity compute " + command + ": ")
        .contains(reason);
  }

  /** A compute network file naming a market (at an unreachable RPC) and no providers. */
  private static Path marketWithoutProviders(Path file) throws Exception {
    new ComputeNetwork(
            1337, URI.create("http://127.0.0.1:1"), Address.ZERO, Path.of("storage.json"))
        .withInferenceMarket(Address.ZERO)
        .write(file);
    return file;
  }

  @Test
  void eachCommandSaysWhatIsMissingInOneLine() throws Exception {
    Path none = dir.resolve("none.json");
    refused(LevityRun.run("compute", "ask", " "), "ask", "the prompt is empty");
    refused(
        LevityRun.run("compute", "ask", "hi", "--max-tokens", "0", "--key", KEY),
        "ask",
        "--max-tokens must be in");
    refused(
        LevityRun.run("compute", "embed", "x", "--key", KEY, "--compute", none.toString()),
        "embed",
        "no compute network file");
    refused(LevityRun.run("compute", "receipts", "--key", "zz"), "receipts", "--key is not");
    refused(
        LevityRun.run("compute", "deposit", "1.5bananas", "--key", KEY),
        "deposit",
        "not an amount");
    refused(LevityRun.run("compute", "proxy", "--port", "70000"), "proxy", "--port must be");
    LevityRun service = LevityRun.run("compute", "provider", "--service", "images");
    assertThat(service.exit()).isEqualTo(1);
    assertThat(service.err().strip())
        .endsWith("--service must be chat or embeddings, not 'images'");

    Path noMarket = dir.resolve("compute.json");
    new ComputeNetwork(
            1337, URI.create("http://127.0.0.1:1"), Address.ZERO, Path.of("storage.json"))
        .write(noMarket);
    refused(
        LevityRun.run("compute", "ask", "hi", "--key", KEY, "--compute", noMarket.toString()),
        "ask",
        "names no inferenceMarket");
    Path noProviders = marketWithoutProviders(dir.resolve("market.json"));
    refused(
        LevityRun.run("compute", "ask", "hi", "--key", KEY, "--compute", noProviders.toString()),
        "ask",
        "names no chatProvider");
    refused(
        LevityRun.run("compute", "ask", "hi", "--compute", noProviders.toString()),
        "ask",
        "--key HEX (or LEVITY_KEY)");
    // a devnet's own file: no key means the devnet's public compute user, and it says so
    Path devnet = dir.resolve("devnet.json");
    new ComputeNetwork(
            1337, URI.create("http://127.0.0.1:1"), Address.ZERO, Path.of("storage.json"))
        .withInferenceMarket(Address.ZERO)
        .asDevnet(true)
        .write(devnet);
    LevityRun dev = LevityRun.run("compute", "ask", "hi", "--compute", devnet.toString());
    refused(dev, "ask", "names no chatProvider");
    assertThat(dev.err())
        .contains("using the devnet's compute user " + DevnetUser.KEY.address().toChecksumHex());
    refused(
        LevityRun.run("compute", "proxy", "--key", KEY, "--compute", noProviders.toString()),
        "proxy",
        "names no chatProvider or embeddingsProvider");
  }

  @Test
  void agentMistakesAreOneLine() throws Exception {
    refused(
        LevityRun.run("compute", "ask", "hi", "--agent", "seven", "--key", KEY),
        "ask",
        "--agent must be a token id (a decimal number), not 'seven'");
    refused(
        LevityRun.run("compute", "ask", "hi", "--agent=-1", "--key", KEY),
        "ask",
        "--agent must be a token id");
    refused(
        LevityRun.run("compute", "ask", "hi", "--inft", "inft.json", "--key", KEY),
        "ask",
        "--inft is for --agent only");
    Path compute = marketWithoutProviders(dir.resolve("compute.json"));
    Path none = dir.resolve("none.json");
    refused(
        LevityRun.run(
            "compute",
            "ask",
            "hi",
            "--agent",
            "1",
            "--key",
            KEY,
            "--compute",
            compute.toString(),
            "--inft",
            none.toString()),
        "ask",
        "no iNFT network file at " + none);
    Path otherChain = dir.resolve("inft.json");
    new InftNetwork(
            5,
            URI.create("http://127.0.0.1:1"),
            Address.ZERO,
            Address.ZERO,
            Address.ZERO,
            Address.ZERO,
            URI.create("http://127.0.0.1:1"),
            Address.ZERO,
            Path.of("storage.json"))
        .write(otherChain);
    refused(
        LevityRun.run(
            "compute",
            "ask",
            "hi",
            "--agent",
            "1",
            "--key",
            KEY,
            "--compute",
            compute.toString(),
            "--inft",
            otherChain.toString()),
        "ask",
        "is for chain 5, the compute network for chain 1337");
  }

  @Test
  void amountsTakeWeiOrAUnit() {
    assertThat(WeiAmount.parse("1000")).isEqualTo(BigInteger.valueOf(1000));
    assertThat(WeiAmount.parse("0.5ether")).isEqualTo(new BigInteger("500000000000000000"));
    assertThat(WeiAmount.parse("20 gwei")).isEqualTo(new BigInteger("20000000000"));
    assertThat(WeiAmount.parse("7wei")).isEqualTo(BigInteger.valueOf(7));
    assertThatThrownBy(() -> WeiAmount.parse("0.5wei")).hasMessageContaining("whole number");
    assertThatThrownBy(() -> WeiAmount.parse("-1")).hasMessageContaining("positive");
  }
}

package io.levity.cli.compute;

import io.levity.ai.model.DefaultModel;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketParameters;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What the market ITs share: a market with a 2-second window, and the bundled chat model. */
final class FastMarket {
  private FastMarket() {}

  /**
   * Deploys the devnet's parameters with a 2-second challenge window, so a test sees batches paid.
   */
  static InferenceMarketClient deploy(EthRpc rpc, Secp256k1.KeyPair deployer) {
    MarketParameters p = MarketParameters.devnet();
    MarketParameters fast =
        new MarketParameters(
            p.minProviderStake(),
            p.minAuditorStake(),
            p.challengeBond(),
            4,
            60,
            2,
            2,
            1,
            p.slashBps(),
            p.challengerShareBps(),
            p.sampleRateBps());
    Address address =
        InferenceMarketClient.deploy(new Wallet(rpc, deployer), fast, Duration.ofSeconds(60));
    return new InferenceMarketClient(rpc, address, Duration.ofSeconds(60));
  }

  /** The bundled model as "levity-tiny", its root the Keccak-256 of its file (copied into dir). */
  static RuntimeChatBackend bundledChat(Path dir, Kernels kernels) throws IOException {
    Path modelFile = dir.resolve("levity-tiny.safetensors");
    DefaultModel.copyTo(modelFile);
    ModelBundle model = ModelBundle.read(modelFile);
    return new RuntimeChatBackend(
        "levity-tiny",
        Keccak.hash(Files.readAllBytes(modelFile)),
        model.tokenizer().orElseThrow(),
        new Transformer(model.weights(), kernels));
  }
}

package io.levity.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compute.json: the inference market is optional, so a file written before it still reads. */
class ComputeNetworkTest {
  static final Address JOBS = Address.fromHex("0x" + "11".repeat(20));
  static final Address MARKET = Address.fromHex("0x" + "22".repeat(20));

  @TempDir Path dir;

  @Test
  void aFileWithoutTheMarketReadsWithNone() throws Exception {
    Path f = dir.resolve("compute.json");
    Files.writeString(
        f,
        "{\"chainId\": 1337, \"rpc\": \"http://127.0.0.1:8545\", \"trainingJobs\": \""
            + JOBS.toHex()
            + "\", \"storageNetwork\": \"storage.json\"}");
    ComputeNetwork n = ComputeNetwork.read(f);
    assertThat(n.trainingJobs()).isEqualTo(JOBS);
    assertThat(n.inferenceMarket()).isEmpty();
  }

  @Test
  void theMarketRoundTrips() throws Exception {
    Path f = dir.resolve("compute.json");
    ComputeNetwork n =
        new ComputeNetwork(7, URI.create("http://127.0.0.1:1"), JOBS, dir.resolve("storage.json"))
            .withInferenceMarket(MARKET);
    n.write(f);
    assertThat(ComputeNetwork.read(f)).isEqualTo(n);
    assertThat(Files.readString(f)).contains("\"inferenceMarket\"");
  }

  @Test
  void theProvidersRoundTrip() throws Exception {
    Path f = dir.resolve("compute.json");
    Address chat = Address.fromHex("0x00000000000000000000000000000000000000c1");
    Address embed = Address.fromHex("0x00000000000000000000000000000000000000e1");
    ComputeNetwork n =
        new ComputeNetwork(7, URI.create("http://127.0.0.1:1"), JOBS, dir.resolve("storage.json"))
            .withInferenceMarket(MARKET)
            .withProviders(Optional.of(chat), Optional.of(embed))
            .asDevnet(true);
    n.write(f);
    ComputeNetwork back = ComputeNetwork.read(f);
    assertThat(back).isEqualTo(n);
    assertThat(back.chatProvider()).contains(chat);
    assertThat(back.embeddingsProvider()).contains(embed);
    assertThat(back.devnet()).isTrue();
  }
}

package io.levity.cli.da;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.LevityRun;
import io.levity.cli.node.OneValidatorChain;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.Bls;
import io.levity.da.chain.DaParameters;
import io.levity.da.chain.RpcDaChain;
import io.levity.da.client.DaNetwork;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.NodeFaults;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code levity da} commands against a real chain (one validator, 20 ms blocks) and six DA
 * nodes serving HTTP on loopback, two of them stopped before the blob is submitted: a third of the
 * quorum. Submit certifies, get rebuilds byte for byte, sample shows it available, verify re-checks
 * the certificate read back from its transaction; a blob submitted with four of six stopped does
 * not certify.
 */
class DaCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(8);
  private static final BigInteger ETHER = BigInteger.TEN.pow(18);

  @TempDir Path dir;
  private OneValidatorChain chain;
  private final List<DaNodeLauncher> nodes = new ArrayList<>();
  private Path network;

  @BeforeEach
  void start() throws Exception {
    chain = OneValidatorChain.start(ACCOUNTS, g -> g);
    EthRpc rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
    // 20 ms blocks: 100-block epochs are about 2 s.
    Address contract =
        RpcDaChain.deploy(
            new Wallet(rpc, ACCOUNTS.get(0)),
            new DaParameters(100, 6666, ETHER, 256, 2),
            Duration.ofSeconds(30));
    network = dir.resolve("da.json");
    new DaNetwork(rpc.chainId(), chain.rpcUrl(), contract, false).write(network);
    for (int i = 0; i < 6; i++) {
      nodes.add(
          DaNodeLauncher.start(
              rpc,
              contract,
              new DaNodeLauncher.Config(
                  ACCOUNTS.get(i + 1),
                  Bls.fromSeed(Keccak.hash(("it-da-" + i).getBytes(StandardCharsets.UTF_8))),
                  ETHER,
                  0,
                  dir.resolve("node" + i),
                  DaNodeLimits.defaults(),
                  NodeFaults.none()),
              line -> {}));
    }
    RpcDaChain view = new RpcDaChain(rpc, contract, Optional.empty(), Duration.ofSeconds(10));
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (view.quorum(view.currentEpoch()).members().size() < 6) {
      assertThat(System.nanoTime()).as("the six nodes joined the quorum").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  @AfterEach
  void stop() {
    for (DaNodeLauncher n : nodes) n.close();
    if (chain != null) chain.close();
  }

  private LevityRun da(String... args) {
    List<String> all = new ArrayList<>(List.of("da"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--da", network.toString(), "--data-dir", dir.resolve("client").toString(), "--json"));
    return LevityRun.run(all.toArray(String[]::new));
  }

  private static JsonNode json(LevityRun r) throws Exception {
    return JSON.readTree(r.out().strip());
  }

  @Test
  void submitGetSampleVerifyWithAThirdOfTheNodesStopped() throws Exception {
    nodes.get(1).close();
    nodes.get(4).close();
    byte[] blob = new byte[300_000];
    new Random(15).nextBytes(blob);
    Path file = dir.resolve("blob.bin");
    Files.write(file, blob);
    String key = ACCOUNTS.get(7).privateKey().toHex();

    LevityRun submit = da("submit", file.toString(), "--key", key);
    assertThat(submit.exit()).as(submit.err() + submit.out()).isZero();
    JsonNode s = json(submit);
    assertThat(s.get("status").asText()).isEqualTo("CERTIFIED");
    assertThat(s.get("certificateTx").asText()).startsWith("0x").hasSize(66);
    assertThat(s.get("nodeErrors").has("1")).isTrue();
    assertThat(s.get("nodeErrors").has("4")).isTrue();
    String id = s.get("blobId").asText();

    JsonNode status = json(da("status", id));
    assertThat(status.get("status").asText()).isEqualTo("CERTIFIED");
    assertThat(status.get("certificateTx").asText()).isEqualTo(s.get("certificateTx").asText());

    Path out = dir.resolve("back.bin");
    LevityRun get = da("get", id, out.toString());
    assertThat(get.exit()).as(get.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(blob);
    assertThat(json(get).get("reported").has("1")).isTrue();

    LevityRun sample = da("sample", id, "--seed", "3");
    assertThat(sample.exit()).as(sample.err() + sample.out()).isZero();
    assertThat(json(sample).get("confidence").asDouble()).isGreaterThan(0.99);
    assertThat(json(sample).get("mostPerPiece").asInt()).isGreaterThan(16);

    LevityRun verify = da("verify", id);
    assertThat(verify.exit()).as(verify.err() + verify.out()).isZero();
    JsonNode v = json(verify);
    assertThat(v.get("signatureValid").asBoolean()).isTrue();
    assertThat(v.get("thresholdMet").asBoolean()).isTrue();
  }

  @Test
  void aRestartedNodeServesWhatItSignedForOnItsRegisteredEndpoint() throws Exception {
    Path file = dir.resolve("kept.bin");
    byte[] blob = new byte[140_000];
    new Random(21).nextBytes(blob);
    Files.write(file, blob);
    JsonNode s = json(da("submit", file.toString(), "--key", ACCOUNTS.get(7).privateKey().toHex()));
    assertThat(s.get("status").asText()).isEqualTo("CERTIFIED");
    String id = s.get("blobId").asText();
    String before = nodes.get(0).endpoint();
    nodes.get(0).close();
    // the same operator, key and folder, port 0: it finds its registration and its endpoint's port
    EthRpc rpc = EthRpc.connect(chain.rpcUrl(), Duration.ofSeconds(10));
    nodes.set(
        0,
        DaNodeLauncher.start(
            rpc,
            DaNetwork.read(network).contract(),
            new DaNodeLauncher.Config(
                ACCOUNTS.get(1),
                Bls.fromSeed(Keccak.hash("it-da-0".getBytes(StandardCharsets.UTF_8))),
                ETHER,
                0,
                dir.resolve("node0"),
                DaNodeLimits.defaults(),
                NodeFaults.none()),
            line -> {}));
    assertThat(nodes.get(0).index()).isZero();
    assertThat(nodes.get(0).endpoint()).isEqualTo(before);
    // the other five stopped: node 0 alone must serve its share (the header too)
    for (int i = 1; i < 6; i++) nodes.get(i).close();
    LevityRun sample = da("sample", id, "--samples", "1", "--seed", "4");
    JsonNode j = json(sample);
    assertThat(j.get("reported").has("0")).as(sample.out()).isFalse();
    assertThat(j.get("succeeded").asInt()).isPositive();
  }

  @Test
  void moreThanAThirdStoppedDoesNotCertify() throws Exception {
    for (int i : new int[] {0, 2, 3}) nodes.get(i).close();
    Path file = dir.resolve("small.bin");
    Files.write(file, "not enough signers".getBytes(StandardCharsets.UTF_8));
    LevityRun submit = da("submit", file.toString(), "--key", ACCOUNTS.get(7).privateKey().toHex());
    assertThat(submit.exit()).isEqualTo(1);
    JsonNode s = json(submit);
    assertThat(s.get("status").asText()).isEqualTo("INSUFFICIENT_SIGNATURES");
    assertThat(s.get("certificateTx").isNull()).isTrue();
    JsonNode status = json(da("status", s.get("blobId").asText()));
    assertThat(status.get("status").asText()).isEqualTo("INSUFFICIENT_SIGNATURES");
    LevityRun unknown = da("status", "0x" + "ab".repeat(32));
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(json(unknown).get("status").asText()).isEqualTo("UNKNOWN");
  }

  @Test
  void badInputsGiveOneLine() throws Exception {
    LevityRun missing = da("submit", dir.resolve("nope").toString(), "--key", "0x01");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("levity da submit: no such file");
    LevityRun badId = da("get", "0x1234", dir.resolve("x").toString());
    assertThat(badId.exit()).isEqualTo(1);
    assertThat(badId.err()).contains("not a blob id");
    Path big = dir.resolve("big.bin");
    Files.write(big, new byte[2000]);
    LevityRun tooBig = da("submit", big.toString(), "--key", "0x01", "--max-blob", "1000");
    assertThat(tooBig.exit()).isEqualTo(1);
    assertThat(tooBig.err()).contains("the largest blob is 1000");
    LevityRun notCertified = da("verify", "0x" + "cd".repeat(32));
    assertThat(notCertified.exit()).isEqualTo(1);
    assertThat(notCertified.err()).contains("not certified on chain");
  }
}

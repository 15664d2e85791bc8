package io.levity.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.node.keys.DevAccounts;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.p2p.P2pConfig;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.runtime.Devnet;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFilesTest {
  @TempDir Path dir;

  private List<Path> init(int validators, int full) throws Exception {
    Address a = DevAccounts.dev(1).get(0).address();
    return NetworkFiles.init(
        dir,
        new NetworkFiles.InitSpec(
            validators,
            full,
            4242,
            List.of(a),
            5,
            500,
            Devnet.GAS_LIMIT,
            30000,
            8000,
            0,
            Map.of(),
            "127.0.0.1"),
        new SecureRandom());
  }

  @Test
  void initWritesConfigsThatReadBackAsOneNetwork() throws Exception {
    List<Path> configs = init(3, 1);
    assertThat(configs).hasSize(4);
    NetworkFiles.NodeSetup v1 = NetworkFiles.readNode(configs.get(1));
    NetworkFiles.NodeSetup full = NetworkFiles.readNode(configs.get(3));
    assertThat(v1.config().index()).isEqualTo(1);
    assertThat(full.config().index())
        .as("a full node's key is not in the validator set")
        .isEqualTo(-1);
    assertThat(v1.config().validators()).hasSize(3).isEqualTo(full.config().validators());
    assertThat(v1.config().genesis().block().hash())
        .isEqualTo(full.config().genesis().block().hash());
    assertThat(v1.config().chainId()).isEqualTo(4242);
    assertThat(v1.config().genesis().alloc().get(DevAccounts.dev(1).get(0).address()).balance())
        .isEqualTo(UInt256.valueOf(new BigInteger("5000000000000000000")));
    assertThat(v1.config().p2pPort()).isEqualTo(30001);
    assertThat(v1.peers())
        .containsExactly(
            new PeerAddress("127.0.0.1", 30000),
            new PeerAddress("127.0.0.1", 30002),
            new PeerAddress("127.0.0.1", 30003));
    assertThat(v1.httpPort()).isEqualTo(8002);
    assertThat(v1.wsPort()).isEqualTo(8003);
    assertThat(v1.config().blockIntervalMillis()).isEqualTo(500);
    assertThat(v1.config().dataDir())
        .isEqualTo(dir.resolve("node1").resolve("data").toAbsolutePath());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("node1/node.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesToOverwriteANetworkAndNamesBadFields() throws Exception {
    List<Path> configs = init(1, 0);
    assertThatThrownBy(() -> init(1, 0)).hasMessageContaining("already holds a network");
    Files.writeString(
        configs.get(0), "{\"genesis\":\"../genesis.json\",\"key\":\"node.key\",\"p2pPort\":70000}");
    assertThatThrownBy(() -> NetworkFiles.readNode(configs.get(0)))
        .hasMessageContaining("'p2pPort'");
    Files.writeString(configs.get(0), "{not json");
    assertThatThrownBy(() -> NetworkFiles.readNode(configs.get(0)))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> NetworkFiles.readNode(dir.resolve("nope.json")))
        .hasMessageContaining("no such file");
  }

  @Test
  void theP2pListenHostIsASettingOfNodeJsonAndDefaultsToLoopback() throws Exception {
    List<Path> configs = init(1, 0);
    assertThat(NetworkFiles.readNode(configs.get(0)).config().p2pHost()).isEqualTo("127.0.0.1");
    String json = Files.readString(configs.get(0));
    Files.writeString(
        configs.get(0), json.replace("\"p2pPort\"", "\"p2pHost\" : \"0.0.0.0\",\n  \"p2pPort\""));
    assertThat(NetworkFiles.readNode(configs.get(0)).config().p2pHost()).isEqualTo("0.0.0.0");
  }

  /** node.json with a "limits" object spliced into what init wrote. */
  private Path withLimits(String limitsJson) throws Exception {
    Path cfg = init(1, 0).get(0);
    String json = Files.readString(cfg).trim();
    Files.writeString(
        cfg, json.substring(0, json.length() - 1) + ", \"limits\": " + limitsJson + "}");
    return cfg;
  }

  @Test
  void limitsAreSettableFromNodeJsonAndEverythingElseKeepsItsDefault() throws Exception {
    Path cfg =
        withLimits(
            """
            {"rpc": {"allowedHosts": ["node.example"], "requests": {"maxBatch": 50},
                     "work": {"callTimeoutMillis": 2000}},
             "mempool": {"maxPoolBytes": 33554432, "maxQueued": 128},
             "p2p": {"maxPeers": 12, "banDuration": "10m", "admission": {"maxConnectionsPerIp": 4}}}
            """);
    NetworkFiles.NodeSetup s = NetworkFiles.readNode(cfg);
    assertThat(s.rpc().allowedHosts()).containsExactly("node.example");
    assertThat(s.rpc().requests().maxBatch()).isEqualTo(50);
    assertThat(s.rpc().requests().maxBodyBytes())
        .isEqualTo(RpcServerConfig.DEFAULT.requests().maxBodyBytes());
    assertThat(s.rpc().work().callTimeoutMillis()).isEqualTo(2000);
    assertThat(s.rpc().host()).isEqualTo("127.0.0.1");
    assertThat(s.limits().mempool().maxPoolBytes()).isEqualTo(32L << 20);
    assertThat(s.limits().mempool().maxQueued()).isEqualTo(128);
    assertThat(s.limits().mempool().maxTransactions())
        .isEqualTo(MempoolConfig.DEFAULT.maxTransactions());
    P2pConfig p2p = s.limits().p2p().apply(P2pConfig.defaults(7, Bytes32.ZERO));
    assertThat(p2p.maxPeers()).isEqualTo(12);
    assertThat(p2p.banDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p2p.admission().maxConnectionsPerIp()).isEqualTo(4);
    assertThat(p2p.chainId()).isEqualTo(7);
  }

  @Test
  void badLimitsAreRefusedAtLoadNamingTheField() throws Exception {
    assertThatThrownBy(() -> NetworkFiles.readNode(withLimits("{\"rpc\": {\"maxBach\": 5}}")))
        .hasMessageContaining("limits.rpc")
        .hasMessageContaining("'maxBach' is not a setting here")
        .hasMessageContaining("requests");
    dir = Files.createTempDirectory(dir, "b");
    assertThatThrownBy(
            () -> NetworkFiles.readNode(withLimits("{\"rpc\": {\"host\": \"0.0.0.0\"}}")))
        .hasMessageContaining("'host' is not a setting here");
    dir = Files.createTempDirectory(dir, "c");
    assertThatThrownBy(
            () -> NetworkFiles.readNode(withLimits("{\"mempool\": {\"maxTransactions\": 0}}")))
        .hasMessageContaining("limits.mempool")
        .hasMessageContaining("must be positive");
    dir = Files.createTempDirectory(dir, "d");
    assertThatThrownBy(() -> NetworkFiles.readNode(withLimits("{\"p2p\": {\"banDuration\": 60}}")))
        .hasMessageContaining("limits.p2p.banDuration must be a duration");
    dir = Files.createTempDirectory(dir, "e");
    assertThatThrownBy(() -> NetworkFiles.readNode(withLimits("{\"p2p\": {\"chainId\": 1}}")))
        .hasMessageContaining("'chainId' is not a setting here");
    dir = Files.createTempDirectory(dir, "f");
    assertThatThrownBy(() -> NetworkFiles.readNode(withLimits("{\"consensus\": {}}")))
        .hasMessageContaining("'limits'");
    dir = Files.createTempDirectory(dir, "g");
    assertThatThrownBy(
            () -> NetworkFiles.readNode(withLimits("{\"mempool\": {\"maxPerSender\": 1.5}}")))
        .hasMessageContaining("must be an integer");
  }
}

package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.rpc.RpcStorageChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsWithPathsRelativeToTheFile() throws Exception {
    Path file = dir.resolve("net/storage.json");
    NetworkFile nf =
        new NetworkFile(
            new NetworkFile.FileChain(dir.resolve("net/storage/chain.json")),
            4,
            2,
            List.of(
                new NetworkFile.NodeEntry(
                    Bytes32.ZERO, "127.0.0.1:5000", dir.resolve("net/storage/node0"))));
    nf.write(file);
    assertThat(Files.readString(file))
        .contains("\"path\" : \"storage/chain.json\"")
        .contains("\"dataDir\" : \"storage/node0\"");
    assertThat(NetworkFile.read(file)).isEqualTo(nf);
    assertThat(nf.openChain()).isInstanceOf(FileStorageChain.class);
  }

  @Test
  void readsAnRpcChainAndOpensTheJsonRpcAdapter() throws Exception {
    Path file = dir.resolve("storage.json");
    Files.writeString(
        file,
        """
        {"version": 1, "code": {"dataShards": 6, "parityShards": 3},
         "chain": {"kind": "rpc", "url": "http://127.0.0.1:8545", "registry": "devnet", "epochBlocks": "5"},
         "nodes": []}""");
    NetworkFile nf = NetworkFile.read(file);
    assertThat(nf.chain())
        .isEqualTo(
            new NetworkFile.RpcChain(
                "http://127.0.0.1:8545", "devnet", Map.of("epochBlocks", "5")));
    RpcStorageChain chain = (RpcStorageChain) nf.openChain();
    assertThat(chain.config().registry()).isEqualTo(RpcStorageChain.DEVNET_REGISTRY);
    assertThat(chain.config().epochBlocks()).isEqualTo(5);
    assertThat(chain.account()).isEmpty(); // no key: read-only
  }

  @Test
  void explainsWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> NetworkFile.read(dir.resolve("missing.json")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("levity storage devnet");
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"version\": 1, \"chain\": {\"kind\": \"carrier-pigeon\"}}");
    assertThatThrownBy(() -> NetworkFile.read(bad))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("chain.kind must be 'file' or 'rpc'");
  }
}

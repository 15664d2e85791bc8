package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.client.HttpNodeClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageDevnetIT {
  @TempDir Path dir;

  @Test
  void startsNodesRegistersThemAndWritesTheNetworkFile() throws Exception {
    try (StorageDevnet devnet = StorageDevnet.start(dir, 3, 0)) {
      NetworkFile nf = NetworkFile.read(dir.resolve("storage.json"));
      assertThat(nf.nodes())
          .extracting(NetworkFile.NodeEntry::endpoint)
          .containsExactlyElementsOf(devnet.nodes().stream().map(StorageNode::endpoint).toList());
      assertThat(nf.openChain().nodes())
          .extracting(StorageNodeRecord::endpoint)
          .containsExactlyInAnyOrderElementsOf(
              nf.nodes().stream().map(NetworkFile.NodeEntry::endpoint).toList());
      for (NetworkFile.NodeEntry n : nf.nodes()) {
        assertThat(new HttpNodeClient().health(n.endpoint()).nodeId()).isEqualTo(n.nodeId());
      }
    }
  }
}

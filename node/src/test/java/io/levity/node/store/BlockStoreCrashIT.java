package io.levity.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.num.UInt256;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TrieWorldState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process while it commits blocks to RocksDB, then checks that the reopened store
 * is consistent at its head: every block up to the head is stored and canonical, nothing past it
 * is, and the head's state opens with the balances of exactly those blocks.
 */
class BlockStoreCrashIT {
  @TempDir Path dir;

  @Test
  void aKilledWriterLeavesAConsistentHead() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriter.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long committed = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) committed = Long.parseLong(line.substring(10));
        if (committed >= 15) break;
      }
      p.destroyForcibly(); // SIGKILL, in the middle of later commits
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(committed).as("blocks the writer reported").isGreaterThanOrEqualTo(15);

    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      BlockHeader head = store.head().orElseThrow();
      assertThat(head.number()).isGreaterThanOrEqualTo(committed);
      for (long n = 0; n <= head.number(); n++) {
        Block b = store.blockByNumber(n).orElseThrow();
        assertThat(b.number()).isEqualTo(n);
        assertThat(store.receipts(b.hash()).orElseThrow()).hasSize(b.transactions().size());
      }
      assertThat(store.canonicalHash(head.number() + 1)).isEmpty();
      TrieWorldState state = store.headState();
      assertThat(state.stateRoot()).isEqualTo(head.stateRoot());
      assertThat(state.nonce(CrashWriter.ALICE.address())).isEqualTo(head.number());
      assertThat(state.balance(CrashWriter.BOB)).isEqualTo(UInt256.valueOf(head.number()));
    }
  }
}

package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a process while it writes shares to RocksDB, then checks that every share it
 * acknowledged is there whole and that no share is there in part (the node signs right after a put,
 * so half a share would be a signature over cells it cannot serve).
 */
class CellStoreCrashIT {
  @TempDir Path dir;

  @Test
  void aKilledWriterLeavesOnlyWholeShares() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                CellStoreCrashWriter.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    int acked = -1;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("stored ")) acked = Integer.parseInt(line.substring(7));
        if (acked >= 15) break;
      }
      p.destroyForcibly(); // SIGKILL, in the middle of later puts
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked).as("shares the writer acknowledged").isGreaterThanOrEqualTo(15);

    EncodedBlob blob = DaNodeFixture.blob();
    List<Cell> cells = CellStoreCrashWriter.cells(blob);
    List<CellId> ids = cells.stream().map(Cell::id).toList();
    try (RocksDbCellStore store = RocksDbCellStore.open(dir)) {
      List<Bytes32> held = store.blobsBefore(Long.MAX_VALUE);
      assertThat(held.size()).isGreaterThan(acked);
      for (int n = 0; n < held.size() + 2; n++) {
        Bytes32 id = CellStoreCrashWriter.header(blob, n).id();
        boolean present = store.blob(id).isPresent();
        if (n <= acked) assertThat(present).as("acknowledged share %s", n).isTrue();
        List<Cell> got = store.cells(id, ids);
        // whole or absent, and the header only with every cell
        assertThat(got).as("share %s", n).isEqualTo(present ? cells : List.of());
      }
    }
  }
}

package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's binary bodies round-trip, and anything else is refused as malformed. */
class DaWireTest {
  private final EncodedBlob blob = DaNodeFixture.blob();
  private final StoreRequest request =
      new StoreRequest(
          blob.header(), 42, List.of(blob.cell(new CellId(1, 5)), blob.cell(new CellId(0, 9))));

  @Test
  void aStoreRequestRoundTrips() {
    byte[] wire = DaWire.encodeStore(request);
    assertThat(wire.length)
        .isEqualTo(
            DaWire.STORE_FRAMING + blob.header().encode().length + 2 * DaWire.CELL_WIRE_BYTES);
    assertThat(DaWire.decodeStore(wire)).isEqualTo(request);
    assertThat(DaWire.decodeCells(DaWire.encodeCells(request.cells()))).isEqualTo(request.cells());
  }

  @Test
  void truncatedTrailingOrUnknownBodiesAreMalformed() {
    byte[] wire = DaWire.encodeStore(request);
    malformed(Arrays.copyOf(wire, wire.length - 1), "bytes follow");
    malformed(Arrays.copyOf(wire, wire.length + 1), "bytes follow");
    malformed(Arrays.copyOf(wire, 7), "");
    byte[] v2 = wire.clone();
    v2[0] = 2;
    malformed(v2, "version 2");
    malformed(new byte[0], "truncated");
  }

  private static void malformed(byte[] body, String text) {
    assertThatThrownBy(() -> DaWire.decodeStore(body))
        .isInstanceOfSatisfying(
            DaNodeRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(DaNodeRefusal.Reason.MALFORMED))
        .hasMessageContaining(text);
  }

  @Test
  void cellIdsParseAndAreCappedBeforeParsing() {
    List<CellId> ids = List.of(new CellId(0, 0), new CellId(3, 127));
    assertThat(DaWire.formatIds(ids)).isEqualTo("0:0,3:127");
    assertThat(DaWire.parseIds("0:0,3:127", 2)).isEqualTo(ids);
    assertThatThrownBy(() -> DaWire.parseIds("0:0,3:127,1:1", 2)).hasMessageContaining("at most 2");
    assertThatThrownBy(() -> DaWire.parseIds("0:128", 2)).hasMessageContaining("'0:128'");
    assertThatThrownBy(() -> DaWire.parseIds("x", 2)).hasMessageContaining("'x'");
  }

  @Test
  void theBodyCapCoversEveryCellOfTheLargestBlob() {
    long max = DaWire.maxStoreBytes(16L << 20);
    // 133 pieces of 128 cells, the header, the framing
    assertThat(max).isEqualTo(17 + 12 + 133 * 48 + 133L * 128 * DaWire.CELL_WIRE_BYTES);
  }
}

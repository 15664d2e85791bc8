package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.tx.TransactionType;
import io.levity.evm.Log;
import io.levity.execution.state.Logs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Receipt encodings (EIP-658 status, EIP-2718 type prefix) and the receipts root. */
class ReceiptTest {
  private static final Log LOG =
      new Log(
          Address.fromHex("0x" + "aa".repeat(20)),
          List.of(Bytes32.fromHex32("0x" + "01".repeat(32))),
          Bytes.fromHex("0xbeef"));

  @Test
  void legacyIsBareAndTypedIsPrefixed() {
    Receipt legacy = Receipt.of(TransactionType.LEGACY, 1, 21_000, List.of(LOG));
    byte[] body =
        Rlp.encodeList(
            Rlp.encodeBytes(new byte[] {1}),
            Rlp.encodeBytes(Rlp.minimalBytes(21_000)),
            Rlp.encodeBytes(LogsBloom.of(List.of(LOG))),
            Logs.encode(List.of(LOG)));
    assertThat(legacy.encode()).isEqualTo(body);
    Receipt blob = Receipt.of(TransactionType.BLOB, 1, 21_000, List.of(LOG));
    assertThat(blob.encode()[0]).isEqualTo((byte) 3);
    assertThat(Arrays.copyOfRange(blob.encode(), 1, blob.encode().length)).isEqualTo(body);
  }

  @Test
  void roundTripsForEveryType() {
    for (TransactionType t : TransactionType.values()) {
      for (int status = 0; status <= 1; status++) {
        Receipt r = Receipt.of(t, status, 123_456, status == 1 ? List.of(LOG, LOG) : List.of());
        assertThat(Receipt.decode(r.encode())).isEqualTo(r);
      }
    }
  }

  @Test
  void decodingIsStrict() {
    byte[] enc = Receipt.of(TransactionType.DYNAMIC_FEE, 1, 1, List.of()).encode();
    enc[0] = 0x05;
    assertThatThrownBy(() -> Receipt.decode(enc))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("type");
    byte[] badStatus =
        Rlp.encodeList(
            Rlp.encodeBytes(new byte[] {2}),
            Rlp.encodeBytes(new byte[0]),
            Rlp.encodeBytes(new byte[256]),
            Rlp.emptyList());
    assertThatThrownBy(() -> Receipt.decode(badStatus)).hasMessageContaining("status");
  }

  @Test
  void receiptsRootChangesWithOrder() {
    Receipt a = Receipt.of(TransactionType.LEGACY, 1, 21_000, List.of());
    Receipt b = Receipt.of(TransactionType.DYNAMIC_FEE, 0, 42_000, List.of(LOG));
    assertThat(BlockRoots.receiptsRoot(List.of(a, b)))
        .isNotEqualTo(BlockRoots.receiptsRoot(List.of(b, a)));
    assertThat(BlockRoots.receiptsRoot(List.of(a))).isNotEqualTo(BlockHeader.EMPTY_TRIE_ROOT);
  }
}

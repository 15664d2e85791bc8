package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.tx.TransactionType;
import io.levity.evm.Log;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The 2048-bit bloom against a BigInteger statement of the Yellow Paper's M3:2048, and its use in
 * receipts.
 */
class LogsBloomTest {
  /**
   * M3:2048 as the Yellow Paper writes it: bit (b[2i..2i+1] mod 2048) of a 2048-bit big-endian
   * number.
   */
  private static BigInteger reference(List<Bytes> values) {
    BigInteger bloom = BigInteger.ZERO;
    for (Bytes v : values) {
      byte[] h = Keccak.hash(v).toArray();
      for (int i = 0; i < 3; i++) {
        int bit = (((h[2 * i] & 0xff) << 8) | (h[2 * i + 1] & 0xff)) % 2048;
        bloom = bloom.setBit(bit);
      }
    }
    return bloom;
  }

  @Provide
  Arbitrary<Log> logs() {
    Arbitrary<Address> addr =
        Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::wrapAddress);
    Arbitrary<List<Bytes32>> topics =
        Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes32::wrap32).list().ofMaxSize(4);
    return net.jqwik.api.Combinators.combine(addr, topics).as((a, t) -> new Log(a, t, Bytes.EMPTY));
  }

  @Property(tries = 200)
  void matchesTheReference(@ForAll("logs") Log log) {
    Bytes bloom = LogsBloom.of(List.of(log));
    List<Bytes> values = new java.util.ArrayList<>();
    values.add(log.address());
    values.addAll(log.topics());
    assertThat(new BigInteger(1, bloom.toArray())).isEqualTo(reference(values));
    for (Bytes v : values) assertThat(LogsBloom.mightContain(bloom, v)).isTrue();
    assertThat(bloom.size()).isEqualTo(256);
  }

  @Test
  void emptyLogsGiveTheZeroBloomAndSetBitsAreAtMostThreePerValue() {
    assertThat(LogsBloom.of(List.of())).isEqualTo(LogsBloom.EMPTY);
    Address a = Address.fromHex("0x" + "11".repeat(20));
    Bytes bloom = LogsBloom.of(List.of(new Log(a, List.of(), Bytes.EMPTY)));
    int bits = 0;
    for (byte b : bloom.unsafeArray()) bits += Integer.bitCount(b & 0xff);
    assertThat(bits).isBetween(1, 3);
    assertThat(LogsBloom.mightContain(LogsBloom.EMPTY, a)).isFalse();
  }

  @Test
  void blockBloomIsTheUnionOfReceiptBlooms() {
    Log l1 = new Log(Address.fromHex("0x" + "11".repeat(20)), List.of(), Bytes.EMPTY);
    Log l2 =
        new Log(Address.fromHex("0x" + "22".repeat(20)), List.of(Bytes32.ZERO), Bytes.of((byte) 1));
    Receipt r1 = Receipt.of(TransactionType.LEGACY, 1, 21_000, List.of(l1));
    Receipt r2 = Receipt.of(TransactionType.DYNAMIC_FEE, 0, 42_000, List.of(l2));
    assertThat(BlockRoots.logsBloom(List.of(r1, r2))).isEqualTo(LogsBloom.of(List.of(l1, l2)));
  }
}

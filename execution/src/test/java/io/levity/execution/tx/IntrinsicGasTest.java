package io.levity.execution.tx;

import static io.levity.execution.tx.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.core.tx.AccessListTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.execution.fork.Fork;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class IntrinsicGasTest {
  private static Transaction call(Bytes data) {
    return new LegacyTransaction(
        0,
        GWEI,
        1_000_000,
        Optional.of(TO),
        UInt256.ZERO,
        data,
        OptionalLong.empty(),
        Transaction.UNSIGNED);
  }

  private static Transaction create(Bytes data) {
    return new LegacyTransaction(
        0,
        GWEI,
        1_000_000,
        Optional.empty(),
        UInt256.ZERO,
        data,
        OptionalLong.empty(),
        Transaction.UNSIGNED);
  }

  @Test
  void plainTransferIs21000InEveryFork() {
    for (Fork f : Fork.values())
      assertThat(IntrinsicGas.of(call(Bytes.EMPTY), f)).isEqualTo(21_000);
  }

  @Test
  void creationCosts53000FromHomestead() {
    assertThat(IntrinsicGas.of(create(Bytes.EMPTY), Fork.FRONTIER)).isEqualTo(21_000);
    assertThat(IntrinsicGas.of(create(Bytes.EMPTY), Fork.HOMESTEAD)).isEqualTo(53_000);
  }

  @Test
  void calldataIs4PerZeroAnd68Or16PerNonZero() {
    Bytes data = Bytes.fromHex("0x000001ff"); // two zero bytes, two non-zero
    assertThat(IntrinsicGas.of(call(data), Fork.CONSTANTINOPLE_FIX))
        .isEqualTo(21_000 + 2 * 4 + 2 * 68);
    assertThat(IntrinsicGas.of(call(data), Fork.ISTANBUL)).isEqualTo(21_000 + 2 * 4 + 2 * 16);
  }

  @Test
  void accessListCosts2400PerAddressAnd1900PerKey() {
    Transaction tx =
        new AccessListTransaction(
            OptionalLong.of(1),
            0,
            GWEI,
            100_000,
            Optional.of(TO),
            UInt256.ZERO,
            Bytes.EMPTY,
            List.of(
                new AccessListEntry(TO, List.of(Bytes32.ZERO, Bytes32.ZERO)),
                new AccessListEntry(TO, List.of())),
            Transaction.UNSIGNED);
    assertThat(IntrinsicGas.of(tx, Fork.BERLIN)).isEqualTo(21_000 + 2 * 2_400 + 2 * 1_900);
  }

  @Test
  void initcodeCosts2PerWordFromShanghai() {
    Bytes code = Bytes.wrap(new byte[33]); // two words, all zero bytes
    assertThat(IntrinsicGas.of(create(code), Fork.PARIS)).isEqualTo(53_000 + 33 * 4);
    assertThat(IntrinsicGas.of(create(code), Fork.SHANGHAI)).isEqualTo(53_000 + 33 * 4 + 2 * 2);
    assertThat(IntrinsicGas.of(call(code), Fork.SHANGHAI))
        .isEqualTo(21_000 + 33 * 4); // only for creations
  }

  /**
   * ethereum/tests TransactionTests/ttData/dataTx_bcValidBlockTest: a 430-byte creation across
   * forks.
   */
  @Test
  void matchesAReferenceFixtureAcrossForks() {
    Transaction tx = TransactionDecoder.decode(KnownVectorsTest.DATA_TX_BC_VALID_BLOCK_TEST);
    assertThat(IntrinsicGas.of(tx, Fork.FRONTIER)).isEqualTo(0xb800);
    assertThat(IntrinsicGas.of(tx, Fork.HOMESTEAD)).isEqualTo(0x013500);
    assertThat(IntrinsicGas.of(tx, Fork.ISTANBUL)).isEqualTo(0xe79c);
    assertThat(IntrinsicGas.of(tx, Fork.SHANGHAI)).isEqualTo(0xe7b8);
  }
}

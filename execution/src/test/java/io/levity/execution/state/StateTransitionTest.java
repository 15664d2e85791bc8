package io.levity.execution.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionError;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext;
import io.levity.evm.ContractAddress;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.Outcome;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.tx.Samples;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cancun state transition: fee flow, refund cap, coinbase, creation, revert, blobs and
 * rejections.
 */
class StateTransitionTest {
  private static final long CHAIN_ID = 1;
  private static final KeyPair KEY = KeyPair.fromPrivate(Bytes32.fromHex32("0x" + "42".repeat(32)));
  private static final TransactionSigner SIGNER = new TransactionSigner(KEY);
  private static final Address SENDER = KEY.address();
  private static final Address COINBASE = Address.fromHex("0x" + "c0".repeat(20));
  private static final Address TO = Address.fromHex("0x" + "77".repeat(20));
  private static final UInt256 BALANCE = UInt256.valueOf(1_000_000_000_000L);
  private static final UInt256 BASE_FEE = UInt256.valueOf(10);

  private final StateTransition transition = new StateTransition(Fork.CANCUN, CHAIN_ID);
  private InMemoryWorld world;

  @BeforeEach
  void richSender() {
    world = new InMemoryWorld().put(SENDER, BALANCE, 0, Bytes.EMPTY, Map.of());
  }

  @Test
  void forksBeforeShanghaiHaveNoEvmAndAreRefused() {
    assertThatThrownBy(() -> new StateTransition(Fork.PARIS, CHAIN_ID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Shanghai and later")
        .hasMessageContaining("Paris");
    assertThat(new StateTransition(Fork.SHANGHAI, CHAIN_ID).fork()).isEqualTo(Fork.SHANGHAI);
  }

  @Test
  void transferBurnsTheBaseFeeAndTipsTheCoinbase() {
    // max fee 20, priority 3, base fee 10: the sender pays 13 per gas, the coinbase gets 3, 10 is
    // burned.
    Executed r = executed(apply(dynamic(0, 3, 20, 50_000, Optional.of(TO), 1_000, Bytes.EMPTY)));

    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.gasUsed()).isEqualTo(21_000);
    assertThat(r.effectiveGasPrice()).isEqualTo(UInt256.valueOf(13));
    assertThat(world.balance(SENDER))
        .isEqualTo(BALANCE.subtract(UInt256.valueOf(21_000 * 13 + 1_000)));
    assertThat(world.balance(TO)).isEqualTo(UInt256.valueOf(1_000));
    assertThat(world.balance(COINBASE)).isEqualTo(UInt256.valueOf(21_000 * 3));
    assertThat(world.nonce(SENDER)).isEqualTo(1);
  }

  @Test
  void legacyGasPriceTipsWhatExceedsTheBaseFee() {
    LegacyTransaction tx =
        SIGNER.sign(
            new LegacyTransaction(
                0,
                UInt256.valueOf(15),
                21_000,
                Optional.of(TO),
                UInt256.ZERO,
                Bytes.EMPTY,
                OptionalLong.of(CHAIN_ID),
                Transaction.UNSIGNED));
    Executed r = executed(apply(tx));
    assertThat(world.balance(COINBASE)).isEqualTo(UInt256.valueOf(21_000 * 5));
    assertThat(world.balance(SENDER)).isEqualTo(BALANCE.subtract(UInt256.valueOf(21_000 * 15)));
    // A zero-value transfer to an absent account leaves no account behind (EIP-161).
    assertThat(world.exists(TO)).isFalse();
    assertThat(r.gasUsed()).isEqualTo(21_000);
  }

  @Test
  void refundIsCappedAtAFifthOfTheGasUsed() {
    // Clearing a slot that was non-zero at the start of the transaction refunds 4800 (EIP-3529) and
    // costs 2100 (cold) + 2900 + 6 for the two pushes.
    world.put(TO, UInt256.ZERO, 1, clearSlots(1), Map.of(UInt256.ONE, UInt256.ONE));
    Executed one = executed(apply(dynamic(0, 0, 10, 100_000, Optional.of(TO), 0, Bytes.EMPTY)));
    assertThat(one.gasRefunded()).isEqualTo(4_800); // below the cap of 26006 / 5
    assertThat(one.gasUsed()).isEqualTo(21_000 + 5_006 - 4_800);

    Map<UInt256, UInt256> five =
        Map.of(
            UInt256.ONE,
            UInt256.ONE,
            UInt256.valueOf(2),
            UInt256.ONE,
            UInt256.valueOf(3),
            UInt256.ONE,
            UInt256.valueOf(4),
            UInt256.ONE,
            UInt256.valueOf(5),
            UInt256.ONE);
    world.put(TO, UInt256.ZERO, 1, clearSlots(5), five);
    world.beginTransaction();
    Executed capped = executed(apply(dynamic(1, 0, 10, 100_000, Optional.of(TO), 0, Bytes.EMPTY)));
    long before = 21_000 + 5 * 5_006;
    assertThat(capped.gasRefunded()).isEqualTo(before / 5); // 24000 accrued, 9206 granted
    assertThat(capped.gasUsed()).isEqualTo(before - before / 5);
    UInt256 paid = UInt256.valueOf((21_000 + 5_006 - 4_800) * 10L + capped.gasUsed() * 10L);
    assertThat(world.balance(SENDER)).isEqualTo(BALANCE.subtract(paid));
  }

  @Test
  void aZeroTipStillTouchesTheCoinbaseSoAnEmptyOneIsRemoved() {
    world.put(COINBASE, UInt256.ZERO, 0, Bytes.EMPTY, Map.of());
    executed(apply(dynamic(0, 0, 10, 21_000, Optional.of(TO), 1, Bytes.EMPTY)));
    assertThat(world.exists(COINBASE)).isFalse();
    assertThat(world.balance(TO)).isEqualTo(UInt256.ONE);
  }

  @Test
  void anAbsentCoinbaseWithAZeroTipStaysAbsent() {
    executed(apply(dynamic(0, 0, 10, 21_000, Optional.of(TO), 1, Bytes.EMPTY)));
    assertThat(world.exists(COINBASE)).isFalse();
  }

  @Test
  void creationAddressComesFromTheNonceBeforeTheIncrement() {
    world.put(SENDER, BALANCE, 5, Bytes.EMPTY, Map.of());
    // initcode: MSTORE8(0, 0x2a) RETURN(0, 1) deploys the one-byte code 0x2a.
    Bytes initcode = Bytes.fromHex("0x602a60005360016000f3");
    Executed r = executed(apply(dynamic(5, 1, 20, 100_000, Optional.empty(), 7, initcode)));
    Address expected = ContractAddress.create(SENDER, 5);
    assertThat(r.createdAddress()).isEqualTo(expected);
    assertThat(world.code(expected)).isEqualTo(Bytes.fromHex("0x2a"));
    assertThat(world.nonce(expected)).isEqualTo(1);
    assertThat(world.balance(expected)).isEqualTo(UInt256.valueOf(7));
    assertThat(world.nonce(SENDER)).isEqualTo(6);
  }

  @Test
  void aRevertKeepsTheNonceAndTheFeesButUndoesTheValue() {
    world.put(TO, UInt256.ZERO, 1, Bytes.fromHex("0x60006000fd"), Map.of()); // REVERT(0, 0)
    Executed r = executed(apply(dynamic(0, 2, 20, 60_000, Optional.of(TO), 500, Bytes.EMPTY)));
    assertThat(r.outcome()).isEqualTo(Outcome.REVERT);
    assertThat(r.status()).isZero();
    assertThat(r.gasUsed()).isEqualTo(21_000 + 6);
    assertThat(world.balance(TO)).isEqualTo(UInt256.ZERO);
    assertThat(world.nonce(SENDER)).isEqualTo(1);
    assertThat(world.balance(SENDER)).isEqualTo(BALANCE.subtract(UInt256.valueOf(21_006 * 12L)));
    assertThat(world.balance(COINBASE)).isEqualTo(UInt256.valueOf(21_006 * 2L));
  }

  @Test
  void anExceptionalHaltConsumesAllTheGas() {
    world.put(TO, UInt256.ZERO, 1, Bytes.fromHex("0xfe"), Map.of()); // INVALID
    Executed r = executed(apply(dynamic(0, 0, 10, 60_000, Optional.of(TO), 0, Bytes.EMPTY)));
    assertThat(r.outcome()).isEqualTo(Outcome.HALT);
    assertThat(r.gasUsed()).isEqualTo(60_000);
    assertThat(world.balance(SENDER)).isEqualTo(BALANCE.subtract(UInt256.valueOf(600_000)));
  }

  @Test
  void blobGasIsBoughtAtTheBlobBaseFeeAndBurned() {
    BlobTransaction tx = blobTransfer(UInt256.ZERO, List.of(blobHash(1), blobHash(2)));
    Executed r = executed(transition.apply(world, block(BASE_FEE, 7, 30_000_000), tx));
    assertThat(r.blobGasUsed()).isEqualTo(2 * BlobGas.GAS_PER_BLOB);
    long blobFee = 2 * BlobGas.GAS_PER_BLOB * 7;
    assertThat(world.balance(SENDER))
        .isEqualTo(BALANCE.subtract(UInt256.valueOf(21_000 * 11L + blobFee)));
    assertThat(world.balance(COINBASE)).isEqualTo(UInt256.valueOf(21_000));
  }

  @Test
  void fundsMustCoverTheMaxFeesNotJustTheEffectiveOnes() {
    // max cost: 21000 * 20 + 5 + 131072 * 9; the effective cost is far lower, but the check uses
    // the maxima.
    UInt256 maxCost = UInt256.valueOf(21_000 * 20L + 5 + BlobGas.GAS_PER_BLOB * 9);
    world.put(SENDER, maxCost.subtract(UInt256.ONE), 0, Bytes.EMPTY, Map.of());
    BlobTransaction tx = blobTransfer(UInt256.valueOf(5), List.of(blobHash(1)));
    assertThat(rejected(transition.apply(world, block(BASE_FEE, 1, 30_000_000), tx)).error())
        .isEqualTo(TransactionError.INSUFFICIENT_ACCOUNT_FUNDS);
    world.put(SENDER, maxCost, 0, Bytes.EMPTY, Map.of());
    executed(transition.apply(world, block(BASE_FEE, 1, 30_000_000), tx));
  }

  @Test
  void rejectedTransactionsLeaveTheWorldUntouched() {
    world.put(TO, UInt256.ONE, 3, Bytes.fromHex("0x00"), Map.of(UInt256.ONE, UInt256.valueOf(9)));
    Bytes32 before = StateRoots.stateRoot(world);
    List<Transaction> invalid =
        List.of(
            dynamic(1, 1, 20, 21_000, Optional.of(TO), 0, Bytes.EMPTY), // nonce too high
            dynamic(0, 1, 9, 21_000, Optional.of(TO), 0, Bytes.EMPTY), // max fee below the base fee
            dynamic(0, 1, 20, 20_999, Optional.of(TO), 0, Bytes.EMPTY), // intrinsic gas
            dynamic(
                0, 1, 20, 30_000_001, Optional.of(TO), 0, Bytes.EMPTY), // above the block gas limit
            dynamic(0, 1, 20, 21_000, Optional.of(TO), 1_000_000_000_000L, Bytes.EMPTY), // funds
            dynamic(
                0,
                1,
                20,
                10_000_000,
                Optional.empty(),
                0,
                Bytes.wrap(new byte[49_153]))); // initcode size
    List<TransactionError> errors =
        invalid.stream().map(tx -> rejected(apply(tx)).error()).toList();
    assertThat(errors)
        .containsExactly(
            TransactionError.NONCE_MISMATCH_TOO_HIGH,
            TransactionError.INSUFFICIENT_MAX_FEE_PER_GAS,
            TransactionError.INTRINSIC_GAS_TOO_LOW,
            TransactionError.GAS_ALLOWANCE_EXCEEDED,
            TransactionError.INSUFFICIENT_ACCOUNT_FUNDS,
            TransactionError.INITCODE_SIZE_EXCEEDED);
    assertThat(StateRoots.stateRoot(world)).isEqualTo(before);
  }

  @Test
  void gasAvailableIsTheBlocksRemainingGas() {
    Transaction tx = dynamic(0, 1, 20, 21_000, Optional.of(TO), 0, Bytes.EMPTY);
    TransactionResult r = transition.apply(world, block(BASE_FEE, 1, 30_000_000), tx, 20_999, null);
    assertThat(rejected(r).error()).isEqualTo(TransactionError.GAS_ALLOWANCE_EXCEEDED);
    executed(transition.apply(world, block(BASE_FEE, 1, 30_000_000), tx, 21_000, null));
  }

  @Test
  void aSenderWithCodeIsRejected() {
    world.put(SENDER, BALANCE, 0, Bytes.fromHex("0x00"), Map.of());
    assertThat(rejected(apply(dynamic(0, 1, 20, 21_000, Optional.of(TO), 0, Bytes.EMPTY))).error())
        .isEqualTo(TransactionError.SENDER_NOT_EOA);
  }

  @Test
  void aRejectionConvertsToTheSameException() {
    Rejected r = rejected(apply(dynamic(3, 1, 20, 21_000, Optional.of(TO), 0, Bytes.EMPTY)));
    assertThat(r.toException().error()).isEqualTo(TransactionError.NONCE_MISMATCH_TOO_HIGH);
    assertThat(r.toException().getMessage())
        .isEqualTo("NONCE_MISMATCH_TOO_HIGH: nonce 3, the sender's account" + " nonce is 0");
  }

  // --- helpers ---

  private TransactionResult apply(Transaction tx) {
    return transition.apply(world, block(BASE_FEE, 1, 30_000_000), tx);
  }

  private static DynamicFeeTransaction dynamic(
      long nonce,
      long priority,
      long maxFee,
      long gasLimit,
      Optional<Address> to,
      long value,
      Bytes data) {
    return SIGNER.sign(
        new DynamicFeeTransaction(
            OptionalLong.of(CHAIN_ID),
            nonce,
            UInt256.valueOf(priority),
            UInt256.valueOf(maxFee),
            gasLimit,
            to,
            UInt256.valueOf(value),
            data,
            List.of(),
            Transaction.UNSIGNED));
  }

  static BlockContext block(UInt256 baseFee, long blobBaseFee, long gasLimit) {
    return Samples.block(COINBASE, baseFee, blobBaseFee, gasLimit);
  }

  /** Code that sets slots 1..n to zero, then stops. */
  private static Bytes clearSlots(int n) {
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 1; i <= n; i++) hex.append(String.format("600060%02x55", i));
    return Bytes.fromHex(hex.append("00").toString());
  }

  /** A signed blob transaction to TO: fee cap 20, tip 1, blob fee cap 9, 21000 gas. */
  private static BlobTransaction blobTransfer(UInt256 value, List<Bytes32> hashes) {
    return SIGNER.sign(
        new BlobTransaction(
            OptionalLong.of(CHAIN_ID),
            0,
            UInt256.ONE,
            UInt256.valueOf(20),
            21_000,
            Optional.of(TO),
            value,
            Bytes.EMPTY,
            List.of(),
            UInt256.valueOf(9),
            hashes,
            Transaction.UNSIGNED));
  }

  private static Bytes32 blobHash(int fill) {
    byte[] h = new byte[32];
    Arrays.fill(h, (byte) fill);
    h[0] = 0x01;
    return Bytes32.wrap32(h);
  }

  private static Executed executed(TransactionResult r) {
    assertThat(r).isInstanceOf(Executed.class);
    return (Executed) r;
  }

  private static Rejected rejected(TransactionResult r) {
    assertThat(r).isInstanceOf(Rejected.class);
    return (Rejected) r;
  }
}

package io.levity.execution.tx;

import static io.levity.execution.tx.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.core.tx.TransactionError;
import io.levity.evm.BlockContext;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * One case per {@link TransactionError}: the switch below has no default, so a new rule does not
 * compile until it has a test here.
 */
class TransactionErrorTest {
  private static final TransactionValidator CANCUN =
      new TransactionValidator(Fork.CANCUN, CHAIN_ID);

  @TestFactory
  Stream<DynamicTest> everyRuleIsRaisedByItsCase() {
    return Arrays.stream(TransactionError.values())
        .map(e -> DynamicTest.dynamicTest(e.name(), () -> assertRaises(e, caseFor(e))));
  }

  private static void assertRaises(TransactionError expected, Executable action) {
    assertThatThrownBy(action::execute)
        .isInstanceOfSatisfying(
            InvalidTransactionException.class, ex -> assertThat(ex.error()).isEqualTo(expected))
        .hasMessageStartingWith(expected.name() + ": ");
  }

  private static Executable caseFor(TransactionError error) {
    return switch (error) {
      case RLP_ERROR -> () -> decode(Hex.decode("0x02"));
      case RLP_LEADING_ZEROS -> () -> decode(legacyWith(0, Hex.decode("0x820001")));
      case RLP_UNEXPECTED_LIST ->
          () -> decode(legacyWith(2, Rlp.encodeList(Rlp.encodeLong(21_000))));
      case RLP_EXPECTED_LIST ->
          () -> decode(typedWith(dynamicFee(), 8, Rlp.encodeBytes(new byte[] {1, 2})));
      case RLP_TOO_FEW_FIELDS -> () -> decode(legacyWithout(5));
      case RLP_TOO_MANY_FIELDS -> () -> decode(legacyWithExtra(Rlp.emptyString()));
      case TYPE_NOT_SUPPORTED -> () -> decode(Hex.decode("0x04c0"));
      case NONCE_OVERFLOW ->
          () -> decode(legacyWith(0, Rlp.encodeBytes(Hex.decode("0x010000000000000000"))));
      case NONCE_TOO_BIG -> () -> validate(signedLegacyWithNonce(-1L));
      case GAS_LIMIT_OVERFLOW ->
          () -> decode(legacyWith(2, Rlp.encodeBytes(Hex.decode("0x010000000000000000"))));
      case GAS_PRICE_OVERFLOW -> () -> decode(legacyWith(1, Rlp.encodeBytes(wide(33))));
      case PRIORITY_FEE_OVERFLOW ->
          () -> decode(typedWith(dynamicFee(), 2, Rlp.encodeBytes(wide(33))));
      case BLOB_GAS_PRICE_OVERFLOW ->
          () -> decode(typedWith(blob(List.of(versionedHash(1, 0))), 9, Rlp.encodeBytes(wide(33))));
      case VALUE_OVERFLOW -> () -> decode(legacyWith(4, Rlp.encodeBytes(wide(33))));
      case GAS_LIMIT_PRICE_PRODUCT_OVERFLOW ->
          () -> validate(SIGNER.sign(transferWithFees(GWEI, UInt256.MAX)));
      case PRIORITY_FEE_GREATER_THAN_MAX_FEE ->
          () -> validate(SIGNER.sign(transferWithFees(GWEI.multiply(2), GWEI)));
      case ADDRESS_TOO_SHORT -> () -> decode(legacyWith(3, Rlp.encodeBytes(new byte[19])));
      case ADDRESS_TOO_LONG -> () -> decode(withAccessListEntry(new byte[21]));
      case STORAGE_KEY_TOO_SHORT -> () -> decode(withAccessListEntry(TO.toArray(), new byte[31]));
      case STORAGE_KEY_TOO_LONG -> () -> decode(withAccessListEntry(TO.toArray(), wide(33)));
      case INVALID_SIGNATURE -> () -> decode(legacyWith(6, Rlp.encodeLong(26)));
      case SIGNATURE_RECOVERY_FAILED ->
          () ->
              validate(
                  SIGNER
                      .sign(dynamicFee())
                      .withSignature(
                          new Signature(Secp256k1.N.subtract(BigInteger.ONE), BigInteger.ONE, 1)));
      case INVALID_CHAIN_ID -> () -> validate(SIGNER.sign(legacy(OptionalLong.of(5))));
      case INTRINSIC_GAS_TOO_LOW -> () -> validate(SIGNER.sign(creation(Bytes.EMPTY, 52_999)));
      case INITCODE_SIZE_EXCEEDED ->
          () -> validate(SIGNER.sign(creation(Bytes.wrap(new byte[49_153]), 1_000_000)));
      case BLOB_TX_CONTRACT_CREATION ->
          () -> decode(typedWith(blob(List.of(versionedHash(1, 0))), 5, Rlp.emptyString()));
      case BLOB_HASHES_EMPTY -> () -> validate(SIGNER.sign(blob(List.of())));
      case BLOB_COUNT_EXCEEDED ->
          () -> validate(SIGNER.sign(blob(Collections.nCopies(7, versionedHash(1, 0)))));
      case BLOB_HASH_WRONG_SIZE ->
          () ->
              decode(
                  typedWith(
                      blob(List.of(versionedHash(1, 0))),
                      10,
                      Rlp.encodeList(Rlp.encodeBytes(new byte[31]))));
      case BLOB_HASH_VERSION_INVALID ->
          () -> validate(SIGNER.sign(blob(List.of(versionedHash(2, 0)))));
      // dynamicFee(): nonce 7, gas limit 30000, max fee 30 gwei; blob(): nonce 1, max fee per blob
      // gas 3.
      case NONCE_MISMATCH_TOO_LOW ->
          () -> applyToState(dynamicFee(), 8, RICH, Bytes.EMPTY, block(GWEI, 1));
      case NONCE_MISMATCH_TOO_HIGH ->
          () -> applyToState(dynamicFee(), 6, RICH, Bytes.EMPTY, block(GWEI, 1));
      case SENDER_NOT_EOA ->
          () -> applyToState(dynamicFee(), 7, RICH, Bytes.of((byte) 0), block(GWEI, 1));
      case GAS_ALLOWANCE_EXCEEDED ->
          () -> applyToState(dynamicFee(), 7, RICH, Bytes.EMPTY, block(GWEI, 1, 29_999));
      case INSUFFICIENT_MAX_FEE_PER_GAS ->
          () -> applyToState(dynamicFee(), 7, RICH, Bytes.EMPTY, block(GWEI.multiply(31), 1));
      case INSUFFICIENT_MAX_FEE_PER_BLOB_GAS ->
          () ->
              applyToState(
                  blob(List.of(versionedHash(1, 0))), 1, RICH, Bytes.EMPTY, block(GWEI, 4));
      case INSUFFICIENT_ACCOUNT_FUNDS ->
          () ->
              applyToState(
                  dynamicFee(),
                  7,
                  GWEI.multiply(30).multiply(30_000).subtract(UInt256.ONE),
                  Bytes.EMPTY,
                  block(GWEI, 1));
    };
  }

  // --- further cases of the structural rules ---

  @Test
  void rlpErrors() {
    byte[] good = SIGNER.sign(legacy(OptionalLong.of(1))).encode();
    assertRaises(TransactionError.RLP_ERROR, () -> decode(new byte[0]));
    assertRaises(
        TransactionError.RLP_ERROR, () -> decode(Arrays.copyOf(good, good.length + 1))); // trailing
    assertRaises(
        TransactionError.RLP_ERROR,
        () -> decode(Arrays.copyOf(good, good.length - 1))); // truncated
    assertRaises(
        TransactionError.RLP_ERROR,
        () -> decode(legacyWith(0, Hex.decode("0x8100")))); // non-canonical
    assertRaises(TransactionError.RLP_EXPECTED_LIST, () -> decode(Hex.decode("0x83010203")));
    assertRaises(TransactionError.RLP_EXPECTED_LIST, () -> decode(Hex.decode("0x0283010203")));
    assertRaises(TransactionError.TYPE_NOT_SUPPORTED, () -> decode(Hex.decode("0x00c0")));
    assertRaises(TransactionError.RLP_TOO_FEW_FIELDS, () -> decode(Hex.decode("0x02c0")));
  }

  @Test
  void signatureRules() {
    LegacyTransaction signed = SIGNER.sign(legacy(OptionalLong.empty()));
    assertRaises(
        TransactionError.INVALID_SIGNATURE,
        () -> decode(typedWith(dynamicFee(), 9, Rlp.encodeLong(2))));
    assertRaises(
        TransactionError.INVALID_SIGNATURE, () -> decode(legacyWith(7, Rlp.encodeBytes(wide(33)))));
    assertRaises(
        TransactionError.INVALID_CHAIN_ID,
        () ->
            decode(
                legacyWith(6, Rlp.encodeBytes(Hex.decode("0xf0000000000000000000000000000028")))));
    assertRaises(
        TransactionError.INVALID_SIGNATURE,
        () ->
            validate(
                signed.withSignature(new Signature(BigInteger.ZERO, signed.signature().s(), 0))));
    assertRaises(
        TransactionError.INVALID_SIGNATURE,
        () ->
            validate(signed.withSignature(new Signature(signed.signature().r(), Secp256k1.N, 0))));
  }

  /**
   * EIP-2: the high-s twin of a signature recovers the same sender, but only Frontier accepts it.
   */
  @Test
  void highSIsValidOnlyInFrontier() {
    LegacyTransaction signed = SIGNER.sign(legacy(OptionalLong.empty()));
    Signature low = signed.signature();
    LegacyTransaction twin =
        signed.withSignature(
            new Signature(low.r(), Secp256k1.N.subtract(low.s()), 1 - low.recId()));
    assertThat(new TransactionValidator(Fork.FRONTIER, CHAIN_ID).validate(twin).sender())
        .isEqualTo(KEY.address());
    assertThatThrownBy(() -> new TransactionValidator(Fork.HOMESTEAD, CHAIN_ID).validate(twin))
        .hasMessageContaining("EIP-2");
  }

  @Test
  void eip155OnlyFromSpuriousDragon() {
    LegacyTransaction protectedTx = SIGNER.sign(legacy(OptionalLong.of(CHAIN_ID)));
    assertRaises(
        TransactionError.INVALID_SIGNATURE,
        () -> new TransactionValidator(Fork.EIP150, CHAIN_ID).validate(protectedTx));
    assertThat(new TransactionValidator(Fork.EIP158, CHAIN_ID).validate(protectedTx).sender())
        .isEqualTo(KEY.address());
    assertRaises(
        TransactionError.INVALID_CHAIN_ID,
        () -> new TransactionValidator(Fork.CANCUN, 5).validate(SIGNER.sign(dynamicFee())));
  }

  @Test
  void typesArriveWithTheirForks() {
    Transaction al = SIGNER.sign(accessList());
    Transaction df = SIGNER.sign(dynamicFee());
    Transaction bl = SIGNER.sign(blob(List.of(versionedHash(1, 0))));
    assertRaises(
        TransactionError.TYPE_NOT_SUPPORTED,
        () -> new TransactionValidator(Fork.ISTANBUL, 1).validate(al));
    new TransactionValidator(Fork.BERLIN, 1).validate(al);
    assertRaises(
        TransactionError.TYPE_NOT_SUPPORTED,
        () -> new TransactionValidator(Fork.BERLIN, 1).validate(df));
    new TransactionValidator(Fork.LONDON, 1).validate(df);
    assertRaises(
        TransactionError.TYPE_NOT_SUPPORTED,
        () -> new TransactionValidator(Fork.SHANGHAI, 1).validate(bl));
    new TransactionValidator(Fork.CANCUN, 1).validate(bl);
  }

  @Test
  void nonceAndInitcodeLimits() {
    assertThat(validate(signedLegacyWithNonce(-2L)).transaction().nonce())
        .isEqualTo(-2L); // 2^64-2 is fine
    Transaction big = SIGNER.sign(creation(Bytes.wrap(new byte[49_153]), 1_000_000));
    assertThat(new TransactionValidator(Fork.PARIS, CHAIN_ID).validate(big).sender())
        .isEqualTo(KEY.address());
    Transaction limit = SIGNER.sign(creation(Bytes.wrap(new byte[49_152]), 1_000_000));
    assertThat(validate(limit).sender()).isEqualTo(KEY.address());
  }

  @Test
  void recordsRejectWhatTheWireCannotCarry() {
    assertThatThrownBy(
            () -> dynamicFee().withSignature(new Signature(BigInteger.ONE, BigInteger.ONE, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new DynamicFeeTransaction(
                    OptionalLong.empty(),
                    0,
                    GWEI,
                    GWEI,
                    21_000,
                    Optional.of(TO),
                    GWEI,
                    Bytes.EMPTY,
                    List.of(),
                    Transaction.UNSIGNED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new BlobTransaction(
                    OptionalLong.of(1),
                    0,
                    GWEI,
                    GWEI,
                    21_000,
                    Optional.empty(),
                    GWEI,
                    Bytes.EMPTY,
                    List.of(),
                    GWEI,
                    List.of(),
                    Transaction.UNSIGNED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers ---

  /** A 1 gwei transfer to TO with these priority fee and fee caps. */
  private static DynamicFeeTransaction transferWithFees(UInt256 tip, UInt256 cap) {
    return new DynamicFeeTransaction(
        OptionalLong.of(CHAIN_ID),
        0,
        tip,
        cap,
        21_000,
        Optional.of(TO),
        GWEI,
        Bytes.EMPTY,
        List.of(),
        Transaction.UNSIGNED);
  }

  /** An EIP-2930 encoding whose access list is one entry [address, [keys]]. */
  private static byte[] withAccessListEntry(byte[] address, byte[]... keys) {
    byte[][] encodedKeys = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) encodedKeys[i] = Rlp.encodeBytes(keys[i]);
    return typedWith(
        accessList(),
        7,
        Rlp.encodeList(Rlp.encodeList(Rlp.encodeBytes(address), Rlp.encodeList(encodedKeys))));
  }

  private static final UInt256 RICH = UInt256.valueOf(Long.MAX_VALUE);

  private static BlockContext block(UInt256 baseFee, long blobBaseFee) {
    return block(baseFee, blobBaseFee, 30_000_000);
  }

  private static BlockContext block(UInt256 baseFee, long blobBaseFee, long gasLimit) {
    return Samples.block(Address.ZERO, baseFee, blobBaseFee, gasLimit);
  }

  /** Applies the signed draft to a world holding only its sender; throws the rejection, if any. */
  private static void applyToState(
      Transaction draft,
      long senderNonce,
      UInt256 senderBalance,
      Bytes senderCode,
      BlockContext block) {
    InMemoryWorld world =
        new InMemoryWorld().put(KEY.address(), senderBalance, senderNonce, senderCode, Map.of());
    TransactionResult r =
        new StateTransition(Fork.CANCUN, CHAIN_ID).apply(world, block, SIGNER.sign(draft));
    if (r instanceof TransactionResult.Rejected rejected) throw rejected.toException();
    throw new AssertionError("applied: " + r);
  }

  private static Transaction decode(byte[] raw) {
    return TransactionDecoder.decode(raw);
  }

  private static ValidatedTransaction validate(Transaction tx) {
    return CANCUN.validate(tx);
  }

  private static LegacyTransaction signedLegacyWithNonce(long nonce) {
    LegacyTransaction d = legacy(OptionalLong.of(CHAIN_ID));
    return SIGNER.sign(
        new LegacyTransaction(
            nonce,
            d.gasPrice(),
            d.gasLimit(),
            d.to(),
            d.value(),
            d.data(),
            d.chainId(),
            Transaction.UNSIGNED));
  }

  private static byte[] wide(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 0xff);
    return b;
  }

  /**
   * A signed EIP-155 legacy transaction with field {@code index} replaced by {@code encodedField}.
   */
  private static byte[] legacyWith(int index, byte[] encodedField) {
    List<byte[]> items =
        new ArrayList<>(items(SIGNER.sign(legacy(OptionalLong.of(1))).encode(), 0));
    items.set(index, encodedField);
    return envelope(0, items);
  }

  private static byte[] legacyWithout(int index) {
    List<byte[]> items =
        new ArrayList<>(items(SIGNER.sign(legacy(OptionalLong.of(1))).encode(), 0));
    items.remove(index);
    return envelope(0, items);
  }

  private static byte[] legacyWithExtra(byte[] encodedField) {
    List<byte[]> items =
        new ArrayList<>(items(SIGNER.sign(legacy(OptionalLong.of(1))).encode(), 0));
    items.add(encodedField);
    return envelope(0, items);
  }

  /** The signed typed transaction with field {@code index} of its payload replaced. */
  private static byte[] typedWith(Transaction draft, int index, byte[] encodedField) {
    byte[] enc = SIGNER.sign(draft).encode();
    List<byte[]> items = new ArrayList<>(items(enc, 1));
    items.set(index, encodedField);
    return envelope(enc[0], items);
  }
}

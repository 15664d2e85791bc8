package io.levity.execution.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.execution.fork.Fork;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The process-wide validation results: reused only under the rules they were made under, never a
 * refusal, and bounded however many distinct transactions arrive.
 */
class ValidationCacheTest {
  private final ValidationCache cache = new ValidationCache(64);

  private static byte[] transfer(long nonce) {
    return Samples.SIGNER
        .transfer(Samples.CHAIN_ID, nonce, Samples.TO, UInt256.ONE, Samples.GWEI, Samples.GWEI)
        .encode();
  }

  @Test
  void aTransactionIsRecoveredOnceAndItsResultShared() {
    TransactionValidator v = new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID);
    byte[] raw = transfer(0);
    ValidatedTransaction first = v.decodeAndValidate(raw, cache);
    ValidatedTransaction again =
        new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID).decodeAndValidate(raw, cache);
    assertThat(again).isSameAs(first);
    assertThat(first.sender()).isEqualTo(Samples.SIGNER.address());
    assertThat(first.hash()).isEqualTo(first.transaction().hash());
  }

  @Test
  void aResultIsNotReusedUnderAnotherChainOrFork() {
    byte[] raw = transfer(0);
    new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID).decodeAndValidate(raw, cache);
    TransactionValidator otherChain = new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID + 1);
    assertThatThrownBy(() -> otherChain.decodeAndValidate(raw, cache))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageContaining("chain");
    // Under another fork the same bytes are validated again (here with the same answer).
    ValidatedTransaction cancun =
        new TransactionValidator(Fork.CANCUN, Samples.CHAIN_ID).decodeAndValidate(raw, cache);
    assertThat(cancun)
        .isNotSameAs(
            new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID).decodeAndValidate(raw, cache));
  }

  @Test
  void aRefusalIsNeverKept() {
    Transaction tx =
        Samples.SIGNER.transfer(
            Samples.CHAIN_ID, 1, Samples.TO, UInt256.ONE, Samples.GWEI, Samples.GWEI);
    Signature s = tx.signature();
    byte[] forged = tx.withSignature(new Signature(s.r(), BigInteger.ZERO, s.recId())).encode();
    TransactionValidator v = new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> v.decodeAndValidate(forged, cache))
          .isInstanceOf(InvalidTransactionException.class);
    }
    assertThat(cache.size()).isZero();
  }

  @Test
  void manyDistinctTransactionsStayWithinTheCapacity() {
    TransactionValidator v = new TransactionValidator(Fork.LEVITY, Samples.CHAIN_ID);
    for (int n = 0; n < 300; n++) {
      v.decodeAndValidate(transfer(n), cache);
      assertThat(cache.size()).isLessThanOrEqualTo(64);
    }
  }
}

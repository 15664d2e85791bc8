package io.levity.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for typed-transaction decoding (docs/security.md, Fuzzing): any input decodes or
 * throws {@link InvalidTransactionException}; a decoded transaction re-encodes to exactly the input
 * and decodes again to an equal transaction. Seeds: {@code
 * TransactionDecoderFuzzTestInputs/decode}.
 */
class TransactionDecoderFuzzTest {
  @FuzzTest
  void decode(byte[] input) {
    Transaction tx;
    try {
      tx = TransactionDecoder.decode(input);
    } catch (InvalidTransactionException e) {
      return;
    }
    byte[] encoded = tx.encode();
    assertThat(encoded).isEqualTo(input);
    assertThat(TransactionDecoder.decode(encoded)).isEqualTo(tx);
  }
}

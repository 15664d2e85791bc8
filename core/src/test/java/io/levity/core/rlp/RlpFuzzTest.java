package io.levity.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for strict RLP decoding (docs/security.md, Fuzzing): any input decodes or throws
 * {@link RlpException}; what decodes re-encodes to exactly the input (one canonical encoding). The
 * seed corpus in {@code RlpFuzzTestInputs/decode} replays in the default suite.
 */
class RlpFuzzTest {
  @FuzzTest
  void decode(byte[] input) {
    RlpItem item;
    try {
      item = Rlp.decode(input);
    } catch (RlpException e) {
      return;
    }
    assertThat(Rlp.encode(item)).isEqualTo(input);
    assertThat(Rlp.decode(Rlp.encode(item))).isEqualTo(item);
  }
}

package io.levity.consensus.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.consensus.types.DecodeLimits;

/**
 * Fuzz target for the consensus message codec (docs/security.md, Fuzzing): any input decodes or
 * throws {@link MalformedMessageException}; a decoded message re-encodes to exactly the input.
 * Seeds: {@code ConsensusCodecFuzzTestInputs/decode}.
 */
class ConsensusCodecFuzzTest {
  private final ConsensusCodec codec = new ConsensusCodec(DecodeLimits.DEFAULT);

  @FuzzTest
  void decode(byte[] input) throws MalformedMessageException {
    ConsensusMessage message;
    try {
      message = codec.decode(input);
    } catch (MalformedMessageException e) {
      return;
    }
    byte[] encoded = ConsensusCodec.encode(message);
    assertThat(encoded).isEqualTo(input);
    assertThat(codec.decode(encoded)).isEqualTo(message);
  }
}

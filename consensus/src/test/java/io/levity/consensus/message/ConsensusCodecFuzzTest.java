package io.levity.consensus.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.consensus.types.DecodeLimits;
import io.levity.testing.DecoderContract;

/**
 * Fuzz target for the consensus message codec (docs/security.md, Fuzzing): any input decodes or
 * throws {@link MalformedMessageException}; a decoded message re-encodes to exactly the input.
 * Seeds: {@code ConsensusCodecFuzzTestInputs/decode}.
 */
class ConsensusCodecFuzzTest {
  private final ConsensusCodec codec = new ConsensusCodec(DecodeLimits.DEFAULT);

  @FuzzTest
  void decode(byte[] input) throws Exception {
    DecoderContract.holds(
        input, codec::decode, ConsensusCodec::encode, MalformedMessageException.class);
  }
}

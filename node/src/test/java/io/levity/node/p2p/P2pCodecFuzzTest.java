package io.levity.node.p2p;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.testing.DecoderContract;

/**
 * Fuzz target for the p2p frame codec (docs/security.md, Fuzzing): any frame decodes or throws
 * {@link P2pDecodeException}; a decoded message re-encodes to exactly the frame. Seeds: {@code
 * P2pCodecFuzzTestInputs/decode}.
 */
class P2pCodecFuzzTest {
  private final P2pCodec codec = new P2pCodec(MessageLimits.defaults());

  @FuzzTest
  void decode(byte[] frame) throws Exception {
    DecoderContract.holds(frame, codec::decode, codec::encode, P2pDecodeException.class);
  }
}

package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the p2p frame codec (docs/security.md, Fuzzing): any frame decodes or throws
 * {@link P2pDecodeException}; a decoded message re-encodes to exactly the frame. Seeds: {@code
 * P2pCodecFuzzTestInputs/decode}.
 */
class P2pCodecFuzzTest {
  private final P2pCodec codec = new P2pCodec(MessageLimits.defaults());

  @FuzzTest
  void decode(byte[] frame) throws P2pDecodeException {
    P2pMessage message;
    try {
      message = codec.decode(frame);
    } catch (P2pDecodeException e) {
      return;
    }
    byte[] encoded = codec.encode(message);
    assertThat(encoded).isEqualTo(frame);
    assertThat(codec.decode(encoded)).isEqualTo(message);
  }
}

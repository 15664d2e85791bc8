package io.levity.consensus.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.consensus.TestNet;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ConsensusCodecTest {
  private static final TestNet NET = new TestNet(4);
  private final ConsensusCodec codec = new ConsensusCodec(DecodeLimits.DEFAULT);
  private final ConsensusBlock b1 = NET.block(1, NET.genesisQc, "one");
  private final QuorumCert qc1 = NET.qc(b1);
  private final ConsensusBlock b2 = NET.block(2, qc1, "two");
  private final TimeoutCert tc = NET.tc(2, new int[] {0, 2, 3}, new long[] {1, 0, 1}, qc1);

  private ConsensusMessage roundTrip(ConsensusMessage m) throws MalformedMessageException {
    return codec.decode(ConsensusCodec.encode(m));
  }

  @Test
  void everyKindSurvivesARoundTrip() throws MalformedMessageException {
    List<ConsensusMessage> all =
        List.of(
            NET.proposal(b2),
            NET.proposal(NET.block(3, qc1, "x"), Optional.of(tc)),
            NET.vote(3, b2),
            NET.timeout(1, 3, qc1, Optional.of(tc)),
            NET.timeout(0, 2, qc1, Optional.empty()),
            new BlockRequest(b2.id(), 32),
            new BlockResponse(b2.id(), List.of(b2, b1)),
            new BlockResponse(b1.id(), List.of()));
    for (ConsensusMessage m : all) {
      ConsensusMessage back = roundTrip(m);
      assertThat(back).isEqualTo(m);
      assertThat(ConsensusCodec.encode(back)).isEqualTo(ConsensusCodec.encode(m));
    }
  }

  @Test
  void aDecodedBlockHasTheSameIdAsTheOriginal() throws MalformedMessageException {
    Proposal p = (Proposal) roundTrip(NET.proposal(b2));
    assertThat(p.block().id()).isEqualTo(b2.id());
    assertThat(p.block().parentQc()).isEqualTo(qc1);
  }

  @Property(tries = 200)
  void votesRoundTripForAnyField(
      @ForAll @LongRange(min = 1, max = 1L << 62) long round,
      @ForAll @IntRange(min = 0, max = 3) int voter,
      @ForAll @Size(32) byte[] id)
      throws MalformedMessageException {
    ConsensusBlock b =
        ConsensusBlock.create(
            TestNet.EPOCH, round, voter, qc1, 0, Bytes32.wrap32(id), Bytes.wrap(id));
    Vote v = NET.vote(voter, b);
    assertThat(roundTrip(v)).isEqualTo(v);
  }

  @Property(tries = 200)
  void proposalsRoundTripForAnyPayload(@ForAll @Size(max = 2000) byte[] payload)
      throws MalformedMessageException {
    ConsensusBlock b =
        ConsensusBlock.create(TestNet.EPOCH, 2, 2, qc1, 1, Bytes32.ZERO, Bytes.wrap(payload));
    Proposal p = NET.proposal(b);
    assertThat(roundTrip(p)).isEqualTo(p);
  }

  @Property(tries = 300)
  void arbitraryBytesNeverDecodeToSomethingThatEncodesDifferently(
      @ForAll @Size(max = 300) byte[] junk) {
    try {
      ConsensusMessage m = codec.decode(junk);
      assertThat(ConsensusCodec.encode(m))
          .isEqualTo(junk); // strict decoding: only the canonical form is accepted
    } catch (MalformedMessageException expected) {
      // the usual outcome
    }
  }

  @Test
  void trailingBytesTruncationAndUnknownKindsAreRejected() {
    byte[] good = ConsensusCodec.encode(NET.vote(1, b1));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertThatThrownBy(() -> codec.decode(trailing)).isInstanceOf(MalformedMessageException.class);
    assertThatThrownBy(() -> codec.decode(Arrays.copyOf(good, good.length - 1)))
        .isInstanceOf(MalformedMessageException.class);
    byte[] unknown = Rlp.encodeList(Rlp.encodeLong(9), Rlp.encodeBytes(new byte[] {1}));
    assertThatThrownBy(() -> codec.decode(unknown))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("unknown message kind");
  }

  @Test
  void sizeLimitsAreEnforcedWhileDecoding() {
    DecodeLimits tight = new DecodeLimits(4_096, 100, 8, 64, 2);
    ConsensusCodec small = new ConsensusCodec(tight);
    ConsensusBlock big =
        ConsensusBlock.create(TestNet.EPOCH, 2, 2, qc1, 0, Bytes32.ZERO, Bytes.wrap(new byte[101]));
    assertThatThrownBy(() -> small.decode(ConsensusCodec.encode(NET.proposal(big))))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("payload");
    ConsensusBlock huge =
        ConsensusBlock.create(
            TestNet.EPOCH, 2, 2, qc1, 0, Bytes32.ZERO, Bytes.wrap(new byte[5_000]));
    assertThatThrownBy(() -> small.decode(ConsensusCodec.encode(NET.proposal(huge))))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("exceeds");
    BlockResponse three = new BlockResponse(b2.id(), List.of(b2, b1, b1));
    assertThatThrownBy(() -> small.decode(ConsensusCodec.encode(three)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("too many blocks");
    assertThatThrownBy(() -> small.decode(ConsensusCodec.encode(new BlockRequest(b1.id(), 3))))
        .isInstanceOf(MalformedMessageException.class);
    Timeout withLongSig = new Timeout(1, 2, 0, qc1, Optional.empty(), Bytes.wrap(new byte[65]));
    assertThatThrownBy(() -> small.decode(ConsensusCodec.encode(withLongSig)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("signature");
  }

  @Test
  void aBitmapWiderThanTheValidatorLimitIsRejected() {
    ConsensusCodec twoValidators = new ConsensusCodec(new DecodeLimits(1 << 20, 1 << 20, 2, 64, 8));
    assertThatThrownBy(() -> twoValidators.decode(ConsensusCodec.encode(NET.proposal(b2))))
        .isInstanceOf(MalformedMessageException.class);
  }
}

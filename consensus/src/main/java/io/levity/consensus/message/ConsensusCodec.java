package io.levity.consensus.message;

import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.message.ConsensusMessage.BlockResponse;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Timeout;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.types.CanonicalEncoding;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Wire encoding of {@link ConsensusMessage}: RLP list [kind, fields...]. Decoding is strict and
 * bounded: the size limits are checked before a field is allocated, trailing bytes and unknown
 * kinds are errors. It checks form, not meaning; signatures and membership are the verifier's job.
 */
public final class ConsensusCodec {
  private static final int PROPOSAL = 1;
  private static final int VOTE = 2;
  private static final int TIMEOUT = 3;
  private static final int BLOCK_REQUEST = 4;
  private static final int BLOCK_RESPONSE = 5;

  private final DecodeLimits limits;

  public ConsensusCodec(DecodeLimits limits) {
    this.limits = limits;
  }

  public DecodeLimits limits() {
    return limits;
  }

  public static byte[] encode(ConsensusMessage m) {
    return switch (m) {
      case Proposal p ->
          Rlp.encodeList(
              Rlp.encodeLong(PROPOSAL),
              p.block().encoding(),
              optionalTc(p.lastRoundTc()),
              Rlp.encodeBytes(p.signature()));
      case Vote v ->
          Rlp.encodeList(
              Rlp.encodeLong(VOTE),
              CanonicalEncoding.voteData(v.data()),
              Rlp.encodeLong(v.voter()),
              Rlp.encodeBytes(v.signature()));
      case Timeout t ->
          Rlp.encodeList(
              Rlp.encodeLong(TIMEOUT),
              Rlp.encodeLong(t.epoch()),
              Rlp.encodeLong(t.round()),
              Rlp.encodeLong(t.sender()),
              CanonicalEncoding.quorumCert(t.highQc()),
              optionalTc(t.lastRoundTc()),
              Rlp.encodeBytes(t.signature()));
      case BlockRequest r ->
          Rlp.encodeList(
              Rlp.encodeLong(BLOCK_REQUEST),
              Rlp.encodeBytes(r.blockId()),
              Rlp.encodeLong(r.maxBlocks()));
      case BlockResponse r -> {
        byte[][] blocks = new byte[r.blocks().size()][];
        for (int i = 0; i < blocks.length; i++) blocks[i] = r.blocks().get(i).encoding();
        yield Rlp.encodeList(
            Rlp.encodeLong(BLOCK_RESPONSE), Rlp.encodeBytes(r.blockId()), Rlp.encodeList(blocks));
      }
    };
  }

  public ConsensusMessage decode(byte[] in) throws MalformedMessageException {
    if (in.length > limits.maxMessageBytes()) {
      throw new MalformedMessageException(
          "message of " + in.length + " bytes exceeds " + limits.maxMessageBytes());
    }
    try {
      RlpReader r = new RlpReader(in);
      r.enterList();
      long kind = r.readLong();
      ConsensusMessage m =
          switch ((int) Math.min(kind, Integer.MAX_VALUE)) {
            case PROPOSAL ->
                new Proposal(
                    CanonicalEncoding.readBlock(r, in, limits), readOptionalTc(r), readSig(r));
            case VOTE -> new Vote(CanonicalEncoding.readVoteData(r), readIndex(r), readSig(r));
            case TIMEOUT -> {
              long epoch = r.readLong();
              long round = r.readLong();
              int sender = readIndex(r);
              QuorumCert qc = CanonicalEncoding.readQuorumCert(r, limits);
              Optional<TimeoutCert> tc = readOptionalTc(r);
              yield new Timeout(epoch, round, sender, qc, tc, readSig(r));
            }
            case BLOCK_REQUEST -> {
              Bytes32 id = Bytes32.wrap32(r.readFixed(32, "block id"));
              long max = r.readLong();
              if (max < 1 || max > limits.maxBlocksPerResponse())
                throw new RlpException("block request for " + max + " blocks");
              yield new BlockRequest(id, (int) max);
            }
            case BLOCK_RESPONSE -> {
              Bytes32 id = Bytes32.wrap32(r.readFixed(32, "block id"));
              r.enterList();
              List<ConsensusBlock> blocks = new ArrayList<>();
              while (r.hasNext()) {
                if (blocks.size() == limits.maxBlocksPerResponse())
                  throw new RlpException("too many blocks in a response");
                blocks.add(CanonicalEncoding.readBlock(r, in, limits));
              }
              r.exitList();
              yield new BlockResponse(id, blocks);
            }
            default -> throw new RlpException("unknown message kind " + kind);
          };
      r.exitList();
      r.requireEnd();
      if (m instanceof Timeout t && (t.epoch() > (1L << 62) || t.round() > (1L << 62))) {
        throw new RlpException("timeout round or epoch out of range");
      }
      return m;
    } catch (RlpException | IllegalArgumentException e) {
      throw new MalformedMessageException(e.getMessage());
    }
  }

  private static byte[] optionalTc(Optional<TimeoutCert> tc) {
    return tc.map(t -> Rlp.encodeList(CanonicalEncoding.timeoutCert(t))).orElse(Rlp.emptyList());
  }

  private Optional<TimeoutCert> readOptionalTc(RlpReader r) {
    r.enterList();
    Optional<TimeoutCert> tc =
        r.hasNext() ? Optional.of(CanonicalEncoding.readTimeoutCert(r, limits)) : Optional.empty();
    r.exitList();
    return tc;
  }

  private int readIndex(RlpReader r) {
    long i = r.readLong();
    if (i >= limits.maxValidators())
      throw new RlpException("validator index " + i + " out of range");
    return (int) i;
  }

  private Bytes readSig(RlpReader r) {
    byte[] s = r.readBytes();
    if (s.length > limits.maxSignatureBytes())
      throw new RlpException("signature of " + s.length + " bytes is too long");
    return Bytes.wrap(s);
  }
}

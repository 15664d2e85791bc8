package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one RLP encoding of every consensus value, used for hashing, signing and the wire. Decoding
 * is strict (core's reader rejects non-canonical RLP) and bounded by {@link DecodeLimits}, so a
 * value has exactly one encoding.
 */
public final class CanonicalEncoding {
  private CanonicalEncoding() {}

  public static byte[] voteData(VoteData d) {
    return Rlp.encodeList(
        Rlp.encodeLong(d.epoch()),
        Rlp.encodeLong(d.round()),
        Rlp.encodeLong(d.height()),
        Rlp.encodeBytes(d.blockId()),
        Rlp.encodeBytes(d.parentId()),
        Rlp.encodeLong(d.parentRound()));
  }

  public static byte[] bitmap(SignerBitmap b) {
    return Rlp.encodeList(Rlp.encodeLong(b.size()), Rlp.encodeBytes(b.bits()));
  }

  public static byte[] quorumCert(QuorumCert qc) {
    return Rlp.encodeList(
        voteData(qc.data()), bitmap(qc.signers()), Rlp.encodeBytes(qc.aggregateSignature()));
  }

  public static byte[] timeoutCert(TimeoutCert tc) {
    byte[][] rounds = new byte[tc.highQcRounds().size()][];
    for (int i = 0; i < rounds.length; i++) rounds[i] = Rlp.encodeLong(tc.highQcRounds().get(i));
    return Rlp.encodeList(
        Rlp.encodeLong(tc.epoch()),
        Rlp.encodeLong(tc.round()),
        quorumCert(tc.highQc()),
        bitmap(tc.signers()),
        Rlp.encodeList(rounds),
        Rlp.encodeBytes(tc.aggregateSignature()));
  }

  static byte[] block(
      long epoch,
      long round,
      long height,
      int author,
      QuorumCert qc,
      long execHeight,
      Bytes32 execRoot,
      Bytes payload) {
    return Rlp.encodeList(
        Rlp.encodeLong(epoch),
        Rlp.encodeLong(round),
        Rlp.encodeLong(height),
        Rlp.encodeLong(author),
        quorumCert(qc),
        Rlp.encodeLong(execHeight),
        Rlp.encodeBytes(execRoot),
        Rlp.encodeBytes(payload));
  }

  // ---- decoding ----

  public static VoteData readVoteData(RlpReader r) {
    r.enterList();
    long epoch = readCount(r, "epoch");
    long round = readCount(r, "round");
    long height = readCount(r, "height");
    Bytes32 id = Bytes32.wrap32(r.readFixed(32, "block id"));
    Bytes32 parent = Bytes32.wrap32(r.readFixed(32, "parent id"));
    long parentRound = readCount(r, "parent round");
    r.exitList();
    return new VoteData(epoch, round, height, id, parent, parentRound);
  }

  public static SignerBitmap readBitmap(RlpReader r, DecodeLimits lim) {
    r.enterList();
    long size = r.readLong();
    if (size > lim.maxValidators())
      throw new RlpException("bitmap of " + size + " bits exceeds " + lim.maxValidators());
    byte[] bits = r.readBytes();
    r.exitList();
    try {
      return new SignerBitmap((int) size, Bytes.wrap(bits));
    } catch (IllegalArgumentException e) {
      throw new RlpException("malformed signer bitmap: " + e.getMessage());
    }
  }

  public static QuorumCert readQuorumCert(RlpReader r, DecodeLimits lim) {
    r.enterList();
    VoteData d = readVoteData(r);
    SignerBitmap b = readBitmap(r, lim);
    Bytes sig = readSignatures(r, b.count(), lim);
    r.exitList();
    return new QuorumCert(d, b, sig);
  }

  public static TimeoutCert readTimeoutCert(RlpReader r, DecodeLimits lim) {
    r.enterList();
    long epoch = readCount(r, "epoch");
    long round = readCount(r, "round");
    QuorumCert highQc = readQuorumCert(r, lim);
    SignerBitmap b = readBitmap(r, lim);
    r.enterList();
    List<Long> rounds = new ArrayList<>();
    while (r.hasNext()) {
      if (rounds.size() >= b.size()) throw new RlpException("more high-QC rounds than bitmap bits");
      rounds.add(readCount(r, "high QC round"));
    }
    r.exitList();
    Bytes sig = readSignatures(r, b.count(), lim);
    r.exitList();
    return new TimeoutCert(epoch, round, highQc, b, rounds, sig);
  }

  /**
   * Reads a block from {@code in} at the reader's position, hashing the exact bytes it occupies.
   */
  public static ConsensusBlock readBlock(RlpReader r, byte[] in, DecodeLimits lim) {
    int start = r.position();
    r.enterList();
    long epoch = readCount(r, "epoch");
    long round = readCount(r, "round");
    long height = readCount(r, "height");
    long author = r.readLong();
    if (author >= lim.maxValidators())
      throw new RlpException("author index " + author + " out of range");
    QuorumCert qc = readQuorumCert(r, lim);
    long execHeight = readCount(r, "exec height");
    Bytes32 execRoot = Bytes32.wrap32(r.readFixed(32, "exec root"));
    byte[] payload = r.readBytes();
    if (payload.length > lim.maxPayloadBytes()) {
      throw new RlpException(
          "payload of " + payload.length + " bytes exceeds " + lim.maxPayloadBytes());
    }
    r.exitList();
    byte[] enc = Arrays.copyOfRange(in, start, r.position());
    return new ConsensusBlock(
        epoch, round, height, (int) author, qc, execHeight, execRoot, Bytes.wrap(payload), enc);
  }

  private static Bytes readSignatures(RlpReader r, int signers, DecodeLimits lim) {
    byte[] sig = r.readBytes();
    if ((long) signers * lim.maxSignatureBytes() < sig.length) {
      throw new RlpException(
          "aggregate signature of "
              + sig.length
              + " bytes is too long for "
              + signers
              + " signers");
    }
    return Bytes.wrap(sig);
  }

  /** Rounds, heights and epochs stay well below 2^62 so that +1 and comparisons never overflow. */
  static long readCount(RlpReader r, String what) {
    long v = r.readLong();
    if (v < 0 || v > (1L << 62))
      throw new RlpException(what + " out of range: " + Long.toUnsignedString(v));
    return v;
  }
}

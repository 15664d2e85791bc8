package io.levity.da.quorum;

import static io.levity.da.encoding.BlobLayout.CELLS_PER_PIECE;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.da.encoding.CellId;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which member holds each cell of a blob. Per piece, the 128 cells are shared out in proportion to
 * stake (largest remainder, ties to the lower index), then dealt by a permutation of the cell
 * indices seeded by {@code keccak256(epoch seed || blob id || uint32_be(piece))}: stake-weighted,
 * and no node picks its cells. A set of members with a third of the stake holds about a third of
 * each piece's cells (within one cell per member), so the two thirds that sign hold more than the
 * half that recovers it.
 *
 * <p>Precisely, with the members in ascending registration index {@code m_0 .. m_{n-1}}, stakes
 * {@code s_k} and total {@code S > 0}:
 *
 * <ol>
 *   <li>Counts: {@code c_k = floor(128 s_k / S)}; the {@code 128 - sum c_k} cells left go one each
 *       to the members with the largest {@code (128 s_k) mod S}, the lower index first on ties.
 *       Members with zero stake get none. The counts are the same for every piece.
 *   <li>Stream: the piece seed is {@code h = keccak256(seed || blobId || uint32_be(piece))} (68
 *       bytes hashed); the byte stream is {@code keccak256(h || uint32_be(0)) || keccak256(h ||
 *       uint32_be(1)) || ...}, read from its first byte.
 *   <li>Draw in {@code [0, b)} for {@code b <= 128}: read the next byte {@code x}; if {@code x >=
 *       256 - 256 mod b} discard it and read another; else the draw is {@code x mod b}.
 *   <li>Permutation (Fisher-Yates): {@code perm = [0, 1, .., 127]}; for {@code i} from 127 down to
 *       1, swap {@code perm[i]} with {@code perm[draw in [0, i + 1)]}.
 *   <li>Deal: {@code m_0} holds the cells {@code perm[0 .. c_0)}, {@code m_1} the next {@code c_1},
 *       and so on.
 * </ol>
 */
public final class Assignment {
  private final List<QuorumMember> members;
  private final int[] counts;

  /** {@code holders[piece][cell]}: the position in {@link #members} of the cell's holder. */
  private final short[][] holders;

  private Assignment(List<QuorumMember> members, int[] counts, short[][] holders) {
    this.members = members;
    this.counts = counts;
    this.holders = holders;
  }

  /** Computes the assignment of {@code blobId}'s {@code pieces} pieces in {@code quorum}. */
  public static Assignment of(Quorum quorum, Bytes32 blobId, int pieces) {
    if (pieces < 0) throw new IllegalArgumentException("piece count " + pieces + " is negative");
    List<QuorumMember> members = new ArrayList<>(quorum.members());
    members.sort(Comparator.comparingInt(QuorumMember::index));
    for (int k = 1; k < members.size(); k++) {
      if (members.get(k).index() == members.get(k - 1).index()) {
        throw new IllegalArgumentException(
            "quorum lists member index " + members.get(k).index() + " twice");
      }
    }
    int[] counts = counts(members);
    short[][] holders = new short[pieces][];
    for (int p = 0; p < pieces; p++) {
      int[] perm = permutation(quorum.seed(), blobId, p);
      short[] h = new short[CELLS_PER_PIECE];
      int at = 0;
      for (int k = 0; k < counts.length; k++) {
        for (int j = 0; j < counts[k]; j++) h[perm[at++]] = (short) k;
      }
      holders[p] = h;
    }
    return new Assignment(List.copyOf(members), counts, holders);
  }

  /** The member holding {@code cell}. */
  public QuorumMember holder(CellId cell) {
    if (cell.piece() >= holders.length) {
      throw new IllegalArgumentException(
          "cell " + cell + " is not in the blob, which has " + holders.length + " pieces");
    }
    return members.get(holders[cell.piece()][cell.index()]);
  }

  /** The cells {@code member} holds (by registration index), sorted. */
  public List<CellId> cellsOf(int memberIndex) {
    int k = position(memberIndex);
    if (k < 0) return List.of();
    List<CellId> out = new ArrayList<>(counts[k] * holders.length);
    for (int p = 0; p < holders.length; p++) {
      for (int i = 0; i < CELLS_PER_PIECE; i++) if (holders[p][i] == k) out.add(new CellId(p, i));
    }
    return List.copyOf(out);
  }

  /** How many cells of each piece {@code memberIndex} holds (the same for every piece). */
  public int cellsPerPiece(int memberIndex) {
    int k = position(memberIndex);
    return k < 0 ? 0 : counts[k];
  }

  private int position(int memberIndex) {
    for (int k = 0; k < members.size(); k++) if (members.get(k).index() == memberIndex) return k;
    return -1;
  }

  /** Largest-remainder counts per member, in {@code members}' order. */
  static int[] counts(List<QuorumMember> members) {
    BigInteger total = BigInteger.ZERO;
    for (QuorumMember m : members) {
      if (m.stake().signum() < 0) {
        throw new IllegalArgumentException("member " + m.index() + " has negative stake");
      }
      total = total.add(m.stake());
    }
    if (total.signum() == 0) throw new IllegalArgumentException("the quorum has no stake");
    int n = members.size();
    int[] counts = new int[n];
    BigInteger[] remainders = new BigInteger[n];
    int left = CELLS_PER_PIECE;
    for (int k = 0; k < n; k++) {
      BigInteger[] qr =
          members
              .get(k)
              .stake()
              .multiply(BigInteger.valueOf(CELLS_PER_PIECE))
              .divideAndRemainder(total);
      counts[k] = qr[0].intValueExact();
      remainders[k] = qr[1];
      left -= counts[k];
    }
    List<Integer> order = new ArrayList<>(n);
    for (int k = 0; k < n; k++) if (members.get(k).stake().signum() > 0) order.add(k);
    // stable sort: ties keep ascending index
    order.sort((a, b) -> remainders[b].compareTo(remainders[a]));
    for (int j = 0; j < left; j++) counts[order.get(j)]++;
    return counts;
  }

  /** The piece's permutation of the cell indices (see the class comment). */
  static int[] permutation(Bytes32 seed, Bytes32 blobId, int piece) {
    byte[] h =
        Keccak.hash256(
            ByteBuffer.allocate(68)
                .put(seed.unsafeArray())
                .put(blobId.unsafeArray())
                .putInt(piece)
                .array());
    Stream stream = new Stream(h);
    int[] perm = new int[CELLS_PER_PIECE];
    for (int i = 0; i < perm.length; i++) perm[i] = i;
    for (int i = perm.length - 1; i > 0; i--) {
      int j = stream.draw(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  /** The byte stream {@code keccak256(h || uint32_be(counter))}, counter from 0. */
  private static final class Stream {
    private final byte[] input = new byte[36];
    private byte[] block = new byte[0];
    private int counter;
    private int pos;

    Stream(byte[] h) {
      System.arraycopy(h, 0, input, 0, 32);
    }

    /** A uniform draw in {@code [0, bound)}, {@code bound <= 256}, by rejection. */
    int draw(int bound) {
      int limit = 256 - 256 % bound;
      while (true) {
        int x = next();
        if (x < limit) return x % bound;
      }
    }

    private int next() {
      if (pos == block.length) {
        ByteBuffer.wrap(input, 32, 4).putInt(counter++);
        block = Keccak.hash256(input);
        pos = 0;
      }
      return block[pos++] & 0xff;
    }
  }
}

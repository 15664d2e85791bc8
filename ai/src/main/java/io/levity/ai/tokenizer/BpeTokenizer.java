package io.levity.ai.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Byte-level BPE: tokens 0-255 are the bytes, token 256 + i is merge i of two earlier tokens. Any
 * byte string encodes, and decoding gives it back exactly. Training and encoding are deterministic:
 * ties go to the smallest pair (first token, then second). There is no pre-tokenization, so merges
 * may cross spaces.
 */
public final class BpeTokenizer {
  /** One merge: tokens left and right become a new token. */
  public record Merge(int left, int right) {}

  private final List<Merge> merges;
  private final Map<Long, Integer> rank = new HashMap<>();
  private final byte[][] bytes;

  /** A tokenizer from its merges in order; each must join tokens that exist before it. */
  public BpeTokenizer(List<Merge> merges) {
    this.merges = List.copyOf(merges);
    this.bytes = new byte[256 + merges.size()][];
    for (int b = 0; b < 256; b++) bytes[b] = new byte[] {(byte) b};
    for (int i = 0; i < merges.size(); i++) {
      Merge m = merges.get(i);
      int id = 256 + i;
      if (m.left() < 0 || m.left() >= id || m.right() < 0 || m.right() >= id) {
        throw new IllegalArgumentException(
            "merge " + i + " joins " + m + ", not two earlier tokens");
      }
      if (rank.putIfAbsent(key(m.left(), m.right()), id) != null) {
        throw new IllegalArgumentException("merge " + i + " repeats " + m);
      }
      byte[] l = bytes[m.left()];
      byte[] r = bytes[m.right()];
      byte[] joined = Arrays.copyOf(l, l.length + r.length);
      System.arraycopy(r, 0, joined, l.length, r.length);
      bytes[id] = joined;
    }
  }

  /**
   * Learns up to vocabSize - 256 merges from a text's UTF-8 bytes: each time the most frequent
   * adjacent pair (counted with overlaps), stopping early when no pair occurs twice.
   */
  public static BpeTokenizer train(String text, int vocabSize) {
    if (vocabSize < 256)
      throw new IllegalArgumentException("vocabSize must be at least 256, got " + vocabSize);
    int[] seq = toInts(text.getBytes(StandardCharsets.UTF_8));
    List<Merge> merges = new ArrayList<>();
    while (256 + merges.size() < vocabSize) {
      Map<Long, Integer> counts = new HashMap<>();
      for (int i = 0; i + 1 < seq.length; i++)
        counts.merge(key(seq[i], seq[i + 1]), 1, Integer::sum);
      long best = -1;
      int bestCount = 1;
      for (Map.Entry<Long, Integer> e : counts.entrySet()) {
        int c = e.getValue();
        if (c > bestCount || (c == bestCount && c > 1 && e.getKey() < best)) {
          best = e.getKey();
          bestCount = c;
        }
      }
      if (best < 0) break;
      int id = 256 + merges.size();
      merges.add(new Merge((int) (best >>> 32), (int) best));
      seq = replace(seq, best, id);
    }
    return new BpeTokenizer(merges);
  }

  public List<Merge> merges() {
    return merges;
  }

  public int vocabSize() {
    return bytes.length;
  }

  /**
   * The tokens of a string's UTF-8 bytes: the earliest-learned merge applied first, left to right.
   */
  public int[] encode(String text) {
    int[] seq = toInts(text.getBytes(StandardCharsets.UTF_8));
    while (seq.length > 1) {
      int bestId = Integer.MAX_VALUE;
      long bestKey = 0;
      for (int i = 0; i + 1 < seq.length; i++) {
        Integer id = rank.get(key(seq[i], seq[i + 1]));
        if (id != null && id < bestId) {
          bestId = id;
          bestKey = key(seq[i], seq[i + 1]);
        }
      }
      if (bestId == Integer.MAX_VALUE) break;
      seq = replace(seq, bestKey, bestId);
    }
    return seq;
  }

  /** The bytes of tokens. */
  public byte[] decodeBytes(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int t : tokens) {
      if (t < 0 || t >= bytes.length) {
        throw new IllegalArgumentException(
            "token " + t + " is outside the vocabulary [0, " + bytes.length + ")");
      }
      out.writeBytes(bytes[t]);
    }
    return out.toByteArray();
  }

  /** The text of tokens (invalid UTF-8, as from a partial sequence, becomes U+FFFD). */
  public String decode(int[] tokens) {
    return new String(decodeBytes(tokens), StandardCharsets.UTF_8);
  }

  private static long key(int left, int right) {
    return ((long) left << 32) | right;
  }

  private static int[] toInts(byte[] b) {
    int[] seq = new int[b.length];
    for (int i = 0; i < b.length; i++) seq[i] = b[i] & 0xff;
    return seq;
  }

  /** Every non-overlapping occurrence of the pair, left to right, becomes id. */
  private static int[] replace(int[] seq, long pair, int id) {
    int[] out = new int[seq.length];
    int n = 0;
    for (int i = 0; i < seq.length; i++) {
      if (i + 1 < seq.length && key(seq[i], seq[i + 1]) == pair) {
        out[n++] = id;
        i++;
      } else {
        out[n++] = seq[i];
      }
    }
    return Arrays.copyOf(out, n);
  }
}

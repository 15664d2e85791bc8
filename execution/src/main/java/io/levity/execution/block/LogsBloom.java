package io.levity.execution.block;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.evm.Log;
import java.util.List;

/**
 * The 2048-bit logs bloom of receipts and headers (Yellow Paper 4.3.1): each log address and topic
 * sets three bits, taken from the first three pairs of bytes of its keccak256, 11 bits each; bit i
 * is counted from the low end of the 256-byte big-endian value.
 */
public final class LogsBloom {
  /** Size of a bloom in bytes. */
  public static final int BYTES = 256;

  /** The bloom of no logs. */
  public static final Bytes EMPTY = Bytes.wrap(new byte[BYTES]);

  private LogsBloom() {}

  /** The bloom of these logs. */
  public static Bytes of(List<Log> logs) {
    byte[] bloom = new byte[BYTES];
    for (Log log : logs) addLog(bloom, log);
    return Bytes.wrap(bloom);
  }

  /** Sets the bits of one log (address and topics) in a 256-byte bloom. */
  public static void addLog(byte[] bloom, Log log) {
    add(bloom, log.address());
    for (Bytes32 topic : log.topics()) add(bloom, topic);
  }

  /** Sets the three bits of one value in a 256-byte bloom. */
  public static void add(byte[] bloom, Bytes value) {
    byte[] h = Keccak.hash256(value.unsafeArray());
    for (int i = 0; i < 6; i += 2) {
      int bit = ((h[i] & 0x07) << 8) | (h[i + 1] & 0xff);
      bloom[BYTES - 1 - (bit >>> 3)] |= (byte) (1 << (bit & 7));
    }
  }

  /** The union of two blooms (a block's bloom is the union of its receipts'). */
  public static void orInto(byte[] target, Bytes other) {
    byte[] o = other.unsafeArray();
    for (int i = 0; i < BYTES; i++) target[i] |= o[i];
  }

  /**
   * True when every bit of value's three is set: it may be in the logs (false means certainly not).
   */
  public static boolean mightContain(Bytes bloom, Bytes value) {
    byte[] probe = new byte[BYTES];
    add(probe, value);
    byte[] b = bloom.unsafeArray();
    for (int i = 0; i < BYTES; i++) {
      if ((b[i] & probe[i]) != probe[i]) return false;
    }
    return true;
  }
}

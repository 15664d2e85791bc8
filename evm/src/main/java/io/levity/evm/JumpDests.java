package io.levity.evm;

import io.levity.core.bytes.Bytes32;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JUMPDEST analysis: a bitmap of the positions holding a JUMPDEST byte that is an instruction, not
 * PUSH data. Analyses of deployed code are cached by code hash (bounded LRU); initcode is analysed
 * per frame.
 */
final class JumpDests {
  private static final int CACHE_ENTRIES = 4096;

  private final Map<Bytes32, long[]> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Bytes32, long[]> eldest) {
          return size() > CACHE_ENTRIES;
        }
      };

  /** The bitmap for code with the given hash (analysed once). */
  synchronized long[] forCode(Bytes32 codeHash, byte[] code) {
    long[] bits = cache.get(codeHash);
    if (bits == null) {
      bits = analyze(code);
      cache.put(codeHash, bits);
    }
    return bits;
  }

  static long[] analyze(byte[] code) {
    long[] bits = new long[(code.length + 63) >>> 6];
    int pc = 0;
    while (pc < code.length) {
      int op = code[pc] & 0xff;
      if (op == 0x5b) {
        bits[pc >>> 6] |= 1L << (pc & 63);
        pc++;
      } else if (op >= 0x60 && op <= 0x7f) {
        pc += op - 0x5e;
      } else {
        pc++;
      }
    }
    return bits;
  }

  static boolean isJumpDest(long[] bits, int pc) {
    return ((bits[pc >>> 6] >>> (pc & 63)) & 1) != 0;
  }
}

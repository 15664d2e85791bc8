package io.levity.evm.precompile;

import java.math.BigInteger;

/**
 * 0x05 MODEXP (EIP-198, priced by EIP-2565): base^exp mod m over big-endian integers of any length,
 * the output as long as the modulus. The three length words are 256-bit, so gas is computed in
 * arbitrary precision from the lengths and the exponent's first word alone, and saturates at {@link
 * Long#MAX_VALUE}; nothing is allocated in proportion to a length until the call has been priced.
 */
public final class ModExp implements Precompile {
  static final long MIN_GAS = 200;
  private static final BigInteger THREE = BigInteger.valueOf(3);
  private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * Lengths beyond this cannot be paid for under any gas limit (the price grows at least linearly
   * in them).
   */
  private static final BigInteger MAX_RUNNABLE_LENGTH = BigInteger.valueOf(Integer.MAX_VALUE - 16);

  @Override
  public long gas(byte[] input) {
    BigInteger baseLen = lengthWord(input, 0);
    BigInteger expLen = lengthWord(input, 32);
    BigInteger modLen = lengthWord(input, 64);
    BigInteger words = baseLen.max(modLen).add(BigInteger.valueOf(7)).shiftRight(3);
    BigInteger complexity = words.multiply(words);
    BigInteger gas = complexity.multiply(iterationCount(input, baseLen, expLen)).divide(THREE);
    if (gas.compareTo(MAX_LONG) > 0) return Long.MAX_VALUE;
    return Math.max(MIN_GAS, gas.longValue());
  }

  /**
   * EIP-2565: roughly the bit length of the exponent, from its length and first (up to) 32 bytes.
   */
  static BigInteger iterationCount(byte[] input, BigInteger baseLen, BigInteger expLen) {
    int headLen = expLen.min(BigInteger.valueOf(32)).intValueExact();
    BigInteger head = new BigInteger(1, slice(input, BigInteger.valueOf(96).add(baseLen), headLen));
    BigInteger count;
    if (expLen.compareTo(BigInteger.valueOf(32)) <= 0) {
      count = BigInteger.valueOf(Math.max(head.bitLength() - 1, 0));
    } else {
      count =
          expLen
              .subtract(BigInteger.valueOf(32))
              .shiftLeft(3)
              .add(BigInteger.valueOf(Math.max(head.bitLength() - 1, 0)));
    }
    return count.max(BigInteger.ONE);
  }

  @Override
  public byte[] run(byte[] input) {
    BigInteger baseLenWord = lengthWord(input, 0);
    BigInteger expLenWord = lengthWord(input, 32);
    BigInteger modLenWord = lengthWord(input, 64);
    if (modLenWord.signum() == 0) return Inputs.EMPTY;
    if (baseLenWord.compareTo(MAX_RUNNABLE_LENGTH) > 0
        || expLenWord.compareTo(MAX_RUNNABLE_LENGTH) > 0
        || modLenWord.compareTo(MAX_RUNNABLE_LENGTH) > 0) {
      return null; // unreachable once priced: such a call costs more than any block holds
    }
    int baseLen = baseLenWord.intValueExact();
    int expLen = expLenWord.intValueExact();
    int modLen = modLenWord.intValueExact();
    long baseOff = 96;
    long expOff = baseOff + baseLen;
    long modOff = expOff + expLen;
    BigInteger modulus = new BigInteger(1, slice(input, modOff, modLen));
    byte[] out = new byte[modLen];
    if (modulus.signum() == 0) return out;
    BigInteger base = new BigInteger(1, slice(input, baseOff, baseLen));
    BigInteger exp = new BigInteger(1, slice(input, expOff, expLen));
    byte[] r = base.modPow(exp, modulus).toByteArray();
    // toByteArray may carry a leading sign byte; the value itself is below the modulus, so it fits
    // in modLen
    int n = Math.min(r.length, modLen);
    System.arraycopy(r, r.length - n, out, modLen - n, n);
    return out;
  }

  /** A 32-byte big-endian length word at {@code off}, zero-padded past the end of the input. */
  private static BigInteger lengthWord(byte[] input, int off) {
    return new BigInteger(1, slice(input, off, 32));
  }

  private static byte[] slice(byte[] input, BigInteger off, int len) {
    if (off.compareTo(BigInteger.valueOf(input.length)) >= 0) return new byte[len];
    return slice(input, off.longValueExact(), len);
  }

  /** {@code len} bytes of the input from {@code off}, zero-padded past its end. */
  private static byte[] slice(byte[] input, long off, int len) {
    byte[] out = new byte[len];
    if (off < input.length) {
      int n = (int) Math.min(len, input.length - off);
      System.arraycopy(input, (int) off, out, 0, n);
    }
    return out;
  }
}

package io.levity.evm.precompile;

/**
 * Small helpers shared by the precompiles: word counts for gas, and zero-padded views of call data.
 */
final class Inputs {
  static final byte[] EMPTY = new byte[0];

  private Inputs() {}

  /** Number of 32-byte words needed to hold {@code length} bytes. */
  static long words(int length) {
    return (length + 31L) / 32;
  }

  /**
   * The input cut or right-padded with zeros to exactly {@code length} bytes, as the EVM reads call
   * data.
   */
  static byte[] padded(byte[] input, int length) {
    byte[] out = new byte[length];
    System.arraycopy(input, 0, out, 0, Math.min(input.length, length));
    return out;
  }
}

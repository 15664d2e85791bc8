package io.levity.evm.precompile;

import java.util.function.UnaryOperator;

/**
 * A precompile priced as a base plus a price per 32-byte word of input, with its result as a
 * function.
 *
 * @param baseGas the price of an empty input
 * @param wordGas the price of each word (a partial word counts whole)
 * @param body the output for an input, or null when the input is invalid and the call fails
 */
public record PricedPrecompile(long baseGas, long wordGas, UnaryOperator<byte[]> body)
    implements Precompile {
  @Override
  public long gas(byte[] input) {
    return baseGas + wordGas * Inputs.words(input.length);
  }

  @Override
  public byte[] run(byte[] input) {
    return body.apply(input);
  }
}

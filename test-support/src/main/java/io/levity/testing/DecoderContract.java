package io.levity.testing;

import io.levity.core.bytes.Hex;
import java.util.Arrays;

/**
 * The contract a fuzzed decoder keeps: any input either decodes or throws one of the decoder's
 * documented exceptions; what decodes re-encodes to exactly the input (one canonical encoding) and
 * decodes again to an equal value. Anything else is thrown, which Jazzer reports as a finding.
 */
public final class DecoderContract {
  private DecoderContract() {}

  /** A decoder under test; it may throw checked exceptions. */
  @FunctionalInterface
  public interface Decoder<T> {
    T decode(byte[] input) throws Exception;
  }

  /** The matching encoder. */
  @FunctionalInterface
  public interface Encoder<T> {
    byte[] encode(T value);
  }

  /** Checks the contract on one input. */
  @SafeVarargs
  public static <T> void holds(
      byte[] input,
      Decoder<T> decoder,
      Encoder<T> encoder,
      Class<? extends Exception>... documented)
      throws Exception {
    T value;
    try {
      value = decoder.decode(input);
    } catch (Exception e) {
      for (Class<? extends Exception> allowed : documented) if (allowed.isInstance(e)) return;
      throw e;
    }
    byte[] encoded = encoder.encode(value);
    if (!Arrays.equals(encoded, input))
      throw new AssertionError(
          "decoded " + value + " re-encodes to " + Hex.encode(encoded) + ", not the input");
    T again = decoder.decode(encoded);
    if (!again.equals(value))
      throw new AssertionError("decoding the re-encoding gives " + again + ", not " + value);
  }
}

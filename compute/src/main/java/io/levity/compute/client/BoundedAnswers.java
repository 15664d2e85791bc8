package io.levity.compute.client;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * A provider's answer is outside input: the client reads at most {@link #MAX_BYTES} of one (a plain
 * answer, an error, or a whole stream, any single line included) and fails past that instead of
 * filling the heap of the user's proxy.
 */
final class BoundedAnswers {
  /** 16 MiB: far above any answer a context window allows. */
  static final int MAX_BYTES = 16 << 20;

  private BoundedAnswers() {}

  /** All of {@code in}, closing it; an IOException when it holds more than {@code max} bytes. */
  static byte[] read(InputStream in, int max) throws IOException {
    try (in) {
      byte[] b = in.readNBytes(max + 1);
      if (b.length > max) throw tooLarge(max);
      return b;
    }
  }

  /** {@link #read} for error bodies, where a failure to read only loses the reason. */
  static byte[] readQuietly(InputStream in) {
    try {
      return read(in, MAX_BYTES);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** The UTF-8 lines of {@code in}, failing (UncheckedIOException) once past {@code max} bytes. */
  static Stream<String> lines(InputStream in, int max) {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(new Capped(in, max), StandardCharsets.UTF_8));
    return r.lines()
        .onClose(
            () -> {
              try {
                r.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static IOException tooLarge(int max) {
    return new IOException("the provider's answer is larger than " + max + " bytes");
  }

  /** Counts what is read through it and fails past the cap. */
  private static final class Capped extends FilterInputStream {
    private final int max;
    private long count;

    Capped(InputStream in, int max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) counted(1);
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) counted(n);
      return n;
    }

    private void counted(int n) throws IOException {
      count += n;
      if (count > max) throw tooLarge(max);
    }
  }
}

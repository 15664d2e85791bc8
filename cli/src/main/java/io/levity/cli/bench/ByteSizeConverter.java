package io.levity.cli.bench;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a size: bytes, or a number with K/KB/KiB, M/MB/MiB, G/GB/GiB (all powers of 1024). */
final class ByteSizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    return parse(value);
  }

  static long parse(String s) {
    String t = s.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long mult = 1;
    if (t.endsWith("B")) t = t.substring(0, t.length() - 1);
    if (t.endsWith("K")) mult = 1L << 10;
    else if (t.endsWith("M")) mult = 1L << 20;
    else if (t.endsWith("G")) mult = 1L << 30;
    if (mult > 1) t = t.substring(0, t.length() - 1);
    try {
      long v = Long.parseLong(t.trim()) * mult;
      if (v < 1) throw new NumberFormatException();
      return v;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("not a positive size like 64MB, 1GB or 1000000: " + s);
    }
  }

  /** "64 MiB", "1 GiB" or "1,000,000 bytes". */
  static String human(long bytes) {
    if (bytes % (1L << 30) == 0) return (bytes >> 30) + " GiB";
    if (bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
    return String.format(Locale.ROOT, "%,d bytes", bytes);
  }
}

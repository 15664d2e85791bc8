package io.levity.cli.options;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations such as {@code 20s}, {@code 1500ms}, {@code 2m} or a bare number of seconds
 * ({@code 20}). Registered for every {@link Duration} option of the command tree by {@code
 * Levity.commandLine}.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  /**
   * Parses one duration; throws picocli's {@link TypeConversionException} with the accepted forms
   * on bad input.
   */
  public static Duration parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    long unitNanos;
    String number;
    if (v.endsWith("ms")) {
      unitNanos = 1_000_000L;
      number = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      unitNanos = 1_000_000_000L;
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unitNanos = 60_000_000_000L;
      number = v.substring(0, v.length() - 1);
    } else {
      unitNanos = 1_000_000_000L;
      number = v;
    }
    double amount;
    try {
      amount = Double.parseDouble(number.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a duration: write 20s, 1500ms, 2m or 20 (seconds)");
    }
    if (!(amount > 0) || amount * unitNanos > 86_400e9) {
      throw new TypeConversionException("'" + value + "' must be above zero and at most one day");
    }
    return Duration.ofNanos(Math.round(amount * unitNanos));
  }
}

package io.levity.core.time;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in commands and configuration files: {@code 20s}, {@code 1500ms},
 * {@code 2m}, or a bare number of seconds ({@code 20}); above zero and at most one day.
 */
public final class Durations {
  private Durations() {}

  /** Parses one duration; an {@link IllegalArgumentException} names the accepted forms. */
  public static Duration parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    long unitNanos = 1_000_000_000L;
    String number = v;
    if (v.endsWith("ms")) {
      unitNanos = 1_000_000L;
      number = v.substring(0, v.length() - 2);
    } else if (v.endsWith("s")) {
      number = v.substring(0, v.length() - 1);
    } else if (v.endsWith("m")) {
      unitNanos = 60_000_000_000L;
      number = v.substring(0, v.length() - 1);
    }
    double amount;
    try {
      amount = Double.parseDouble(number.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration: write 20s, 1500ms, 2m or 20 (seconds)", e);
    }
    if (!(amount > 0) || amount * unitNanos > 86_400e9) {
      throw new IllegalArgumentException("'" + value + "' must be above zero and at most one day");
    }
    return Duration.ofNanos(Math.round(amount * unitNanos));
  }

  /** The short form {@link #parse} reads back: {@code 1500ms}, {@code 20s}, {@code 2m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }
}

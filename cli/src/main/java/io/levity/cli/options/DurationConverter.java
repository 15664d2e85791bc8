package io.levity.cli.options;

import io.levity.core.time.Durations;
import java.time.Duration;
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
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}

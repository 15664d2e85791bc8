package io.levity.cli.options;

import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Turns the checks of an option group's value (an {@link IllegalArgumentException} from its
 * constructor) into a usage error of the command: the message and the usage, exit code 2.
 */
public final class OptionValues {
  private OptionValues() {}

  /** The value {@code make} builds, or a usage error of {@code command} with its message. */
  public static <T> T validated(CommandSpec command, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage(), e);
    }
  }
}

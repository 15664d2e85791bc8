package io.levity.cli;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option defaults from environment variables: {@code LEVITY_CHAIN_ID=7} makes {@code --chain-id 7}
 * the default of every command that has {@code --chain-id}; the command line still wins. The
 * variable is {@code LEVITY_} and the option's longest name in upper case without the leading
 * dashes, dashes as underscores. Only options that take one value and are not required are read:
 * positional arguments, required options (they name what this one run works on), repeatable options
 * and switches (a switch given on the command line would turn a default of true off again) stay on
 * the command line. The environment is a map given to the constructor, so tests never touch the
 * real one.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  /** The prefix of every variable read. */
  public static final String PREFIX = "LEVITY_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    return arg instanceof OptionSpec option ? lookup(option).orElse(null) : null;
  }

  /** The variable an option reads, if it reads one. */
  public static Optional<String> variable(OptionSpec option) {
    if (!readsEnvironment(option)) return Optional.empty();
    String name = option.longestName().replaceFirst("^-+", "");
    return Optional.of(PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Whether an option takes its default from the environment (see the class comment). */
  static boolean readsEnvironment(OptionSpec option) {
    return !option.usageHelp()
        && !option.versionHelp()
        && !option.hidden()
        && !option.toBuilder().required() // as declared: required() itself asks for the default
        && !option.isMultiValue()
        && option.arity().max() > 0;
  }

  /**
   * When a bad value came from the environment rather than the command line, a line that says so
   * (picocli's own message names only the option).
   */
  Optional<String> explain(ParameterException e) {
    if (!(e.getArgSpec() instanceof OptionSpec option) || e.getCommandLine() == null) {
      return Optional.empty();
    }
    boolean given =
        e.getCommandLine().getParseResult() != null
            && e.getCommandLine().getParseResult().hasMatchedOption(option);
    if (given) return Optional.empty();
    return variable(option)
        .filter(environment::containsKey)
        .map(
            v ->
                "levity: the default of "
                    + option.longestName()
                    + " comes from "
                    + v
                    + "="
                    + environment.get(v));
  }

  private Optional<String> lookup(OptionSpec option) {
    return variable(option).map(environment::get).filter(v -> !v.isBlank()).map(String::strip);
  }

  @Override
  public String toString() {
    return "the environment (" + PREFIX + "*)";
  }
}

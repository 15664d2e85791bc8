package io.levity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help text of the whole command tree lives in one bundle ({@link Levity#HELP}): every command,
 * option and positional parameter takes a non-empty text from it, and every key in it is read by
 * some command, so a missing key and stale text both fail the build.
 */
class HelpTextTest {
  /** The bundle picocli loaded, recording each key picocli reads from it. */
  private static final class Recording extends ResourceBundle {
    private final ResourceBundle bundle;
    private final Set<String> read = new HashSet<>();

    Recording(ResourceBundle bundle) {
      this.bundle = bundle;
    }

    @Override
    protected Object handleGetObject(String key) {
      if (!bundle.containsKey(key)) return null;
      read.add(key);
      return bundle.getObject(key);
    }

    @Override
    protected Set<String> handleKeySet() {
      return bundle.keySet(); // not through handleGetObject, which would count every key as read
    }

    @Override
    public Enumeration<String> getKeys() {
      return Collections.enumeration(bundle.keySet());
    }
  }

  private final CommandLine levity = Levity.commandLine(Map.of());
  private final Recording help = new Recording(levity.getResourceBundle());

  HelpTextTest() {
    levity.setResourceBundle(help);
  }

  /** Every command of the tree, the root first. */
  private List<CommandLine> commands() {
    List<CommandLine> all = new ArrayList<>();
    Deque<CommandLine> todo = new ArrayDeque<>(List.of(levity));
    while (!todo.isEmpty()) {
      CommandLine c = todo.pop();
      all.add(c);
      todo.addAll(c.getSubcommands().values());
    }
    return all;
  }

  /** picocli's own help command and help options: their text is picocli's. */
  private static boolean picocliOwn(CommandSpec command) {
    return command.userObject() instanceof CommandLine.HelpCommand;
  }

  private static boolean picocliOwn(ArgSpec arg) {
    return arg.descriptionKey().startsWith("mixinStandardHelpOptions.")
        || arg.descriptionKey().startsWith("helpCommand.");
  }

  private static String name(ArgSpec arg) {
    return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** What is wrong with one text: empty, or (for levity's own) not read from the bundle. */
  private void check(String what, String[] text, boolean own, List<String> problems) {
    if (String.join("", text).isBlank()) problems.add(what + " has no help text");
    else if (own && help.read.isEmpty())
      problems.add(what + " has its text outside " + Levity.HELP);
  }

  @Test
  void everyCommandOptionAndParameterHasTextFromTheBundle() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (CommandLine c : commands()) {
      CommandSpec spec = c.getCommandSpec();
      help.read.clear();
      check(spec.qualifiedName(), spec.usageMessage().description(), !picocliOwn(spec), problems);
      for (ArgSpec arg : spec.args()) {
        help.read.clear();
        String what = spec.qualifiedName() + " " + name(arg);
        check(what, arg.description(), !picocliOwn(spec) && !picocliOwn(arg), problems);
        checked++;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("options and parameters looked at").isGreaterThan(100);
  }

  @Test
  void everyKeyOfTheBundleIsRead() {
    for (CommandLine c : commands()) {
      c.getUsageMessage(Ansi.OFF); // the sections: descriptions, footer, options shown
      for (ArgSpec arg : c.getCommandSpec().args()) arg.description(); // also hidden ones
    }
    Set<String> unread = new TreeSet<>(help.keySet());
    unread.removeAll(help.read);
    assertThat(unread).as("keys in %s that no command reads", Levity.HELP).isEmpty();
    assertThat(help.read).contains("usage.footer.1", "levity.bench.tps.usage.description.0");
  }

  /** Defaults are shown the way users type them ("2m"), never as Java's ISO form ("PT2M"). */
  @Test
  void noHelpShowsAJavaDurationForm() {
    List<String> offenders = new ArrayList<>();
    for (CommandLine c : commands()) {
      if (c.getUsageMessage(Ansi.OFF).matches("(?s).*\\bPT[0-9].*")) {
        offenders.add(c.getCommandSpec().qualifiedName());
      }
    }
    assertThat(offenders).isEmpty();
  }
}

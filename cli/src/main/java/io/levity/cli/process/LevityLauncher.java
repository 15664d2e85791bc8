package io.levity.cli.process;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line that runs the {@code levity} CLI in a new JVM: from this JVM's class path (a
 * benchmark or test runs the code it was built with, with this JVM's options) or from the built jar
 * (black-box tests). Immutable; each {@code with...} returns a new launcher.
 */
public final class LevityLauncher {
  private static final String MAIN_CLASS = "io.levity.cli.Levity";
  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private final List<String> jvmOptions;
  private final List<String> entry;

  private LevityLauncher(List<String> jvmOptions, List<String> entry) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.entry = List.copyOf(entry);
  }

  /**
   * This JVM's class path and options (stack size, GC, native access, system properties; not agents
   * or debuggers).
   */
  public static LevityLauncher fromClassPath() {
    List<String> inherited = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (inherits(a)) inherited.add(a);
    }
    return new LevityLauncher(
        inherited, List.of("-cp", absolute(System.getProperty("java.class.path")), MAIN_CLASS));
  }

  /**
   * The class path with every entry made absolute: children run in other working directories, so
   * {@code java -jar cli/target/levity-cli.jar} would otherwise hand them a path they cannot find.
   */
  static String absolute(String classPath) {
    List<String> out = new ArrayList<>();
    for (String entry : classPath.split(Pattern.quote(File.pathSeparator), -1)) {
      if (!entry.isEmpty()) out.add(Path.of(entry).toAbsolutePath().normalize().toString());
    }
    return String.join(File.pathSeparator, out);
  }

  /** The built CLI jar, with no JVM options but those added. */
  public static LevityLauncher fromJar(Path jar) {
    return new LevityLauncher(List.of(), List.of("-jar", jar.toString()));
  }

  /** Whether a JVM option of this process is passed on: not agents or debuggers. */
  static boolean inherits(String jvmOption) {
    return !(jvmOption.startsWith("-agentlib")
        || jvmOption.startsWith("-agentpath")
        || jvmOption.startsWith("-javaagent")
        || jvmOption.startsWith("-Xrunjdwp")
        || jvmOption.equals("-Xdebug"));
  }

  /** This JVM's java binary. */
  public static String javaBinary() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** With these JVM options added. */
  public LevityLauncher withJvmOptions(List<String> options) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.addAll(options);
    return new LevityLauncher(all, entry);
  }

  /** With {@code -Xmx<size>} instead of any inherited heap limit. */
  public LevityLauncher withMaxHeap(String size) {
    List<String> all = new ArrayList<>(jvmOptions);
    all.removeIf(o -> o.startsWith("-Xmx"));
    all.add("-Xmx" + size);
    return new LevityLauncher(all, entry);
  }

  /** With the incubating Vector API (the storage erasure code's SIMD kernel), unless it is in. */
  public LevityLauncher withVectorModule() {
    if (jvmOptions.stream().anyMatch(o -> o.contains(VECTOR_MODULE))) return this;
    return withJvmOptions(List.of("--add-modules", VECTOR_MODULE));
  }

  /** The command line of {@code levity args...}. */
  public List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(jvmOptions);
    cmd.addAll(entry);
    cmd.addAll(args);
    return cmd;
  }

  /** The command line of {@code levity args...}. */
  public List<String> command(String... args) {
    return command(List.of(args));
  }
}

package io.levity.cli.chaos;

import io.levity.cli.process.Directories;
import io.levity.cli.process.LevityLauncher;
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code levity chaos}: runs a network of node processes through a seeded schedule of kills and
 * partitions under load and exits 0 only if no acknowledged transaction was lost and every node
 * ends on the same chain.
 */
@Command(name = "chaos", sortOptions = false)
public final class ChaosCommand implements Callable<Integer> {
  /** The exit code of a run that lost a transaction or ended with nodes that disagree. */
  public static final int EXIT_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "D", defaultValue = "2m")
  Duration duration;

  @Option(names = "--kills", paramLabel = "N")
  int kills = 4;

  @Option(names = "--partitions", paramLabel = "N")
  int partitions = 2;

  @Option(names = "--validators", paramLabel = "N")
  int validators = 4;

  @Option(names = "--seed", paramLabel = "S")
  Long seed;

  @Option(names = "--rate", paramLabel = "TX/S")
  double rate = 20;

  @Option(names = "--senders", paramLabel = "N")
  int senders = 4;

  @Option(names = "--block-time", paramLabel = "MS")
  long blockTimeMillis = 500;

  @Option(names = "--settle-timeout", paramLabel = "D", defaultValue = "60s")
  Duration settleTimeout;

  @Option(names = "--keep")
  boolean keep;

  @Override
  public Integer call() throws IOException {
    if (validators < 1 || validators > 16) throw usage("--validators must be in 1..16");
    if (senders < 1 || senders > 10)
      throw usage("--senders must be in 1..10 (funded dev accounts)");
    if (!(rate > 0) || rate > 1000) throw usage("--rate must be in (0, 1000]");
    if (blockTimeMillis < 100) throw usage("--block-time must be at least 100 ms");
    long s = seed != null ? seed : new SecureRandom().nextLong();
    ChaosSchedule schedule;
    try {
      schedule = ChaosSchedule.plan(s, validators, duration, kills, partitions);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(schedule.describe());
    out.println("replay with: levity chaos " + replayArguments(s));
    out.flush();
    Path dir = Files.createTempDirectory("levity-chaos-");
    ChaosRun.Settings settings =
        new ChaosRun.Settings(
            validators, duration, schedule, rate, senders, blockTimeMillis, settleTimeout);
    LevityLauncher launcher = LevityLauncher.fromClassPath().withMaxHeap("512m");
    ChaosReport report = new ChaosRun(settings, launcher, dir, out, TimeSource.system()).run();
    report.print(out);
    if (report.passed() && !keep) Directories.deleteTree(dir);
    else out.println("node data and logs kept in " + dir);
    out.flush();
    return report.passed() ? 0 : EXIT_FAILED;
  }

  private String replayArguments(long s) {
    return String.format(
        "--duration %ds --kills %d --partitions %d --validators %d --seed %d --rate %s"
            + " --senders %d --block-time %d",
        duration.toSeconds(), kills, partitions, validators, s, rate, senders, blockTimeMillis);
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}

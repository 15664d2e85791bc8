package io.levity.cli.bench.tps;

import io.levity.cli.options.OptionValues;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How {@code levity bench tps} offers its load and measures it; a {@link TpsRun.Config}. */
final class TpsLoadOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--duration", paramLabel = "TIME", defaultValue = "20s")
  Duration duration;

  @Option(names = "--window", paramLabel = "N")
  int window = 128;

  @Option(names = "--rate", paramLabel = "TX/S")
  double rate;

  @Option(names = "--drain-timeout", paramLabel = "TIME", defaultValue = "60s")
  Duration drainTimeout;

  @Option(names = "--poll", paramLabel = "TIME", defaultValue = "50ms")
  Duration poll;

  @Option(names = "--receipts", paramLabel = "N")
  int receipts = 1000;

  @Option(names = "--batch", paramLabel = "N")
  int batch = 1;

  @Option(names = "--presign", paramLabel = "N")
  int presign = TpsRun.Config.AUTO;

  @Option(names = "--warmup-time", paramLabel = "TIME", defaultValue = "5s")
  Duration warmupTime;

  @Option(names = "--no-warmup")
  boolean noWarmup;

  @Option(names = "--http", paramLabel = "jdk|plain")
  RawTxSubmitter.Http http = RawTxSubmitter.Http.plain;

  /** The unmeasured run before each workload's window; empty for none. */
  Optional<Duration> warmup() {
    return noWarmup ? Optional.empty() : Optional.of(warmupTime);
  }

  /** The run's configuration; {@code salt} makes its recipients fresh. */
  TpsRun.Config config(long salt) {
    return OptionValues.validated(
        command,
        () ->
            new TpsRun.Config(
                duration,
                window,
                rate,
                poll,
                drainTimeout,
                receipts,
                Workload.DEFAULT_FEES,
                salt,
                batch,
                presign,
                http));
  }
}

package io.levity.cli.bench.tps;

import io.levity.cli.options.OptionValues;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How {@code levity bench tps} offers its load and measures it; a {@link TpsRun.Config}. */
final class TpsLoadOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--duration",
      paramLabel = "TIME",
      defaultValue = "20s",
      converter = DurationConverter.class,
      description = "Measured submission time per workload and chain: 20s, 1500ms, 2m.")
  Duration duration;

  @Option(
      names = "--window",
      paramLabel = "N",
      description = "Most transactions per sender waiting for a block, 1..256.")
  int window = 128;

  @Option(
      names = "--rate",
      paramLabel = "TX/S",
      description = "Offered load over all senders; 0 sends as fast as the node acknowledges.")
  double rate;

  @Option(
      names = "--drain-timeout",
      paramLabel = "TIME",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "After the window, how long to wait for acknowledged transactions to land.")
  Duration drainTimeout;

  @Option(
      names = "--poll",
      paramLabel = "TIME",
      defaultValue = "50ms",
      converter = DurationConverter.class,
      description = "How often the client looks for new blocks.")
  Duration poll;

  @Option(
      names = "--receipts",
      paramLabel = "N",
      description = "Receipts read back to count reverts: all, or a sample of this many.")
  int receipts = 1000;

  /** The run's configuration; {@code salt} makes its recipients fresh. */
  TpsRun.Config config(long salt) {
    return OptionValues.validated(
        command,
        () ->
            new TpsRun.Config(
                duration, window, rate, poll, drainTimeout, receipts, Workload.DEFAULT_FEES, salt));
  }
}

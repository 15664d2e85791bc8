package io.levity.cli.bench.tps;

/**
 * What one run cost: CPU time of the target chain (its whole process tree) over the measured window
 * and over the window plus the drain, per committed transaction and in cores, this client's and the
 * machine's CPU use over the window, and the target's resident memory after the run. -1 where
 * unknown (no target process to meter: --rpc, or no /proc).
 *
 * @param targetCpuSeconds the target's CPU seconds in the window
 * @param targetCpuSecondsWithDrain from the window's start to the end of the drain
 * @param cpuSecondsPerCommittedTx targetCpuSeconds / transactions committed in the window
 * @param cpuSecondsPerIncludedTx targetCpuSecondsWithDrain / all of ours included by then
 * @param targetCores targetCpuSeconds / window seconds
 * @param clientCores this client's CPU seconds in the window / window seconds
 * @param machineCores the busy time of all cores in the window / window seconds (every process)
 * @param rssKib the target's VmRSS after the drain, summed over its process tree
 * @param peakRssKib the target's VmHWM (peak RSS since it started) at that time
 */
public record ResourceUse(
    double targetCpuSeconds,
    double targetCpuSecondsWithDrain,
    double cpuSecondsPerCommittedTx,
    double cpuSecondsPerIncludedTx,
    double targetCores,
    double clientCores,
    double machineCores,
    long rssKib,
    long peakRssKib) {

  static final ResourceUse UNKNOWN = new ResourceUse(-1, -1, -1, -1, -1, -1, -1, -1, -1);

  /**
   * From samples at the window's start, its end and the end of the drain, the transactions
   * committed in the window and included in total, and the memory read after the drain.
   */
  static ResourceUse of(
      ResourceMeter.Sample start,
      ResourceMeter.Sample end,
      ResourceMeter.Sample drained,
      long committedInWindow,
      long included,
      ProcFs.Memory memory) {
    double window = (end.nanoTime() - start.nanoTime()) / 1e9;
    double target = seconds(start.targetCpuNanos(), end.targetCpuNanos());
    double withDrain = seconds(start.targetCpuNanos(), drained.targetCpuNanos());
    return new ResourceUse(
        target,
        withDrain,
        per(target, (double) committedInWindow),
        per(withDrain, (double) included),
        per(target, window),
        per(seconds(start.clientCpuNanos(), end.clientCpuNanos()), window),
        per(seconds(start.machineBusyNanos(), end.machineBusyNanos()), window),
        memory.rssKib(),
        memory.peakKib());
  }

  private static double seconds(long from, long to) {
    return from < 0 || to < 0 ? -1 : (to - from) / 1e9;
  }

  private static double per(double amount, double count) {
    return amount < 0 || !(count > 0) ? -1 : amount / count;
  }
}

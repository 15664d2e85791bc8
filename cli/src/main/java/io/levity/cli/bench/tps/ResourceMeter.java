package io.levity.cli.bench.tps;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Samples the CPU time of the target chain's process tree (the process and its descendants: npx
 * starts node as a child), of this client's JVM and of the whole machine, and the target's resident
 * memory, from /proc. Where there is no /proc or no target process (a node at --rpc), the figures
 * are unknown (-1), never made up.
 */
final class ResourceMeter {
  /** CPU times at one moment, in nanoseconds; -1 where unknown. */
  record Sample(long nanoTime, long targetCpuNanos, long clientCpuNanos, long machineBusyNanos) {}

  private static final Path PROC = Path.of("/proc");
  private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

  private final OptionalLong pid;

  /** Meters the process {@code pid} and its descendants (empty: no target process to meter). */
  ResourceMeter(OptionalLong pid) {
    this.pid = pid;
  }

  OptionalLong pid() {
    return pid;
  }

  Sample sample() {
    return new Sample(System.nanoTime(), targetCpuNanos(), clientCpuNanos(), machineBusyNanos());
  }

  /** VmRSS and VmHWM summed over the target's process tree now. */
  ProcFs.Memory memory() {
    List<Long> pids = tree();
    if (pids.isEmpty()) return ProcFs.Memory.UNKNOWN;
    ProcFs.Memory sum = new ProcFs.Memory(0, 0);
    for (long p : pids) {
      String status = read(PROC.resolve(p + "/status"));
      if (status == null) return ProcFs.Memory.UNKNOWN;
      sum = sum.plus(ProcFs.memory(status));
    }
    return sum;
  }

  private long targetCpuNanos() {
    List<Long> pids = tree();
    if (pids.isEmpty()) return -1;
    long ticks = 0;
    for (long p : pids) {
      String stat = read(PROC.resolve(p + "/stat"));
      if (stat == null) {
        if (p == pid.getAsLong()) return -1; // the target itself is gone
        continue; // a child that ended between listing and reading
      }
      ticks += ProcFs.cpuTicks(stat);
    }
    return ticks * NANOS_PER_TICK;
  }

  private List<Long> tree() {
    if (pid.isEmpty()) return List.of();
    List<Long> out = new ArrayList<>();
    ProcessHandle.of(pid.getAsLong())
        .ifPresent(
            h -> {
              out.add(h.pid());
              h.descendants().forEach(d -> out.add(d.pid()));
            });
    return out;
  }

  /** This JVM's CPU time (all threads, user and system). */
  static long clientCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static long machineBusyNanos() {
    String stat = read(PROC.resolve("stat"));
    if (stat == null) return -1;
    int eol = stat.indexOf('\n');
    return ProcFs.machineBusyTicks(eol < 0 ? stat : stat.substring(0, eol)) * NANOS_PER_TICK;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** USER_HZ, the unit of /proc's CPU times: {@code getconf CLK_TCK}, 100 where that fails. */
  private static long clockTicksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        long hz = Long.parseLong(out);
        if (hz > 0 && 1_000_000_000L % hz == 0) return hz;
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or no getconf: the kernel's usual value
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}

package io.levity.cli.bench.tps;

import java.util.regex.Pattern;

/**
 * Reads the lines of Linux's /proc files the benchmark needs: a process's CPU time (/proc/PID/stat)
 * and memory (/proc/PID/status), and the whole machine's busy time (/proc/stat). Pure functions of
 * the text, so they are tested on fixtures.
 */
final class ProcFs {
  /** A process's resident memory: now (VmRSS) and its peak so far (VmHWM), in KiB. */
  record Memory(long rssKib, long peakKib) {
    static final Memory UNKNOWN = new Memory(-1, -1);

    boolean known() {
      return rssKib >= 0;
    }

    /** The sum of two processes' memory (a process tree); unknown if either is. */
    Memory plus(Memory other) {
      if (!known() || !other.known()) return UNKNOWN;
      return new Memory(rssKib + other.rssKib, peakKib + other.peakKib);
    }
  }

  private static final Pattern SPACES = Pattern.compile("\\s+");

  private ProcFs() {}

  /**
   * utime + stime of a /proc/PID/stat line, in clock ticks. The command name (field 2) is in
   * parentheses and may hold spaces or parentheses itself, so fields are counted after the last
   * ')': state is field 3, utime 14, stime 15.
   */
  static long cpuTicks(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) throw new IllegalArgumentException("not a /proc/PID/stat line: " + statLine);
    String[] f = SPACES.split(statLine.substring(close + 1).trim(), -1);
    // f[0] is field 3 (state): field k is f[k - 3]
    if (f.length < 13)
      throw new IllegalArgumentException("/proc/PID/stat line too short: " + statLine);
    return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
  }

  /** VmRSS and VmHWM of a /proc/PID/status text ("VmRSS: 123456 kB"); unknown if absent. */
  static Memory memory(String statusText) {
    long rss = -1, hwm = -1;
    for (String line : statusText.lines().toList()) {
      if (line.startsWith("VmRSS:")) rss = kib(line);
      else if (line.startsWith("VmHWM:")) hwm = kib(line);
    }
    return rss < 0 ? Memory.UNKNOWN : new Memory(rss, Math.max(hwm, rss));
  }

  private static long kib(String line) {
    String[] f = SPACES.split(line.substring(line.indexOf(':') + 1).trim(), -1);
    if (f.length != 2 || !f[1].equals("kB"))
      throw new IllegalArgumentException("unexpected /proc/PID/status line: " + line);
    return Long.parseLong(f[0]);
  }

  /**
   * Busy ticks of all cores together from the first line of /proc/stat ("cpu user nice system idle
   * iowait irq softirq steal ..."): everything but idle and iowait.
   */
  static long machineBusyTicks(String procStatFirstLine) {
    String[] f = SPACES.split(procStatFirstLine.trim(), -1);
    if (!f[0].equals("cpu") || f.length < 8)
      throw new IllegalArgumentException("not the first line of /proc/stat: " + procStatFirstLine);
    long busy = 0;
    for (int i = 1; i < Math.min(f.length, 9); i++) {
      if (i != 4 && i != 5) busy += Long.parseLong(f[i]); // 4 idle, 5 iowait
    }
    return busy;
  }
}

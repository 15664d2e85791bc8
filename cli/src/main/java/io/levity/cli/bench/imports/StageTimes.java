package io.levity.cli.bench.imports;

import java.util.EnumMap;
import java.util.Map;

/** Totals of one import run over a workload's measured blocks: per-stage wall time, CPU, work. */
final class StageTimes {
  /** The stages of an import, in order. */
  enum Stage {
    DECODE("decode (payload, transactions)"),
    RECOVER("recover senders (validate)"),
    EXECUTE("execute"),
    STATE_ROOT("state root"),
    ROOTS("receipts, tx root, bloom"),
    COMMIT("RocksDB commit");

    final String label;

    Stage(String label) {
      this.label = label;
    }
  }

  private final Map<Stage, Long> nanos = new EnumMap<>(Stage.class);
  long wallNanos;
  long cpuNanos;
  long gcMillis;
  long blocks;
  long transactions;
  long gas;

  void add(Stage stage, long ns) {
    nanos.merge(stage, ns, Long::sum);
  }

  long nanos(Stage stage) {
    return nanos.getOrDefault(stage, 0L);
  }

  void addBlock(long wall, long cpu, long txs, long gasUsed) {
    wallNanos += wall;
    cpuNanos += cpu;
    blocks++;
    transactions += txs;
    gas += gasUsed;
  }

  double txPerSecond() {
    return transactions / (wallNanos / 1e9);
  }

  double mgasPerSecond() {
    return gas / 1e6 / (wallNanos / 1e9);
  }

  /** CPU time over wall time: how many cores the run kept busy. */
  double cores() {
    return (double) cpuNanos / wallNanos;
  }

  double microsPerTx(long ns) {
    return transactions == 0 ? 0 : ns / 1e3 / transactions;
  }
}

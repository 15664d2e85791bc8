package io.levity.cli.bench.imports;

import io.levity.cli.bench.imports.ImportChain.Block;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockBuilder;
import io.levity.node.runtime.ChainExecutor;
import io.levity.node.runtime.Payload;
import io.levity.node.store.RocksDbBlockStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One import of a whole {@link ImportChain} into a fresh RocksDB store, timed per measured block:
 * end to end through {@link ChainExecutor} as a validator imports, or staged ({@link
 * StagedImport}). Every block must come out with the builder's hash and state root, else the run
 * fails: a benchmark of the wrong work measures nothing.
 */
final class ImportRuns {
  /** How a block is imported. */
  @FunctionalInterface
  interface Importer {
    BlockBuilder.Built importBlock(Block block, StageTimes times);
  }

  private ImportRuns() {}

  /** End to end: {@code Payload.decode} then {@code ChainExecutor.executeAndStore}. */
  static Map<String, StageTimes> endToEnd(
      Path dir, ImportChain chain, Meters meters, PrintWriter log) {
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir)) {
      store.initialize(chain.genesis());
      ChainExecutor executor = new ChainExecutor(store, chain.genesis().chainId());
      return run(
          "end to end",
          chain,
          meters,
          log,
          (b, t) ->
              executor.executeAndStore(Payload.decode(b.payload()), b.consensusId(), x -> {}));
    }
  }

  /** Staged, recovering senders on {@code threads} threads. */
  static Map<String, StageTimes> staged(
      Path dir, ImportChain chain, int threads, Meters meters, PrintWriter log) {
    try (RocksDbBlockStore store = RocksDbBlockStore.open(dir);
        StagedImport staged =
            new StagedImport(store, chain.genesis().chainId(), threads, meters.wall())) {
      store.initialize(chain.genesis());
      return run(
          threads == 1 ? "staged" : "staged, recovery on " + threads + " threads",
          chain,
          meters,
          log,
          (b, t) -> staged.importBlock(b.payload(), b.consensusId(), t));
    }
  }

  static Map<String, StageTimes> run(
      String name, ImportChain chain, Meters meters, PrintWriter log, Importer importer) {
    Map<String, StageTimes> out = new LinkedHashMap<>();
    for (Segment s : chain.segments()) {
      StageTimes untimed = new StageTimes();
      for (Block b : s.warmup()) check(name, b, importer.importBlock(b, untimed));
      if (s.measured().isEmpty()) continue;
      StageTimes times = new StageTimes();
      for (Block b : s.measured()) {
        long w0 = meters.wall().getAsLong();
        long c0 = meters.cpu().getAsLong();
        BlockBuilder.Built built = importer.importBlock(b, times);
        long w1 = meters.wall().getAsLong();
        long c1 = meters.cpu().getAsLong();
        check(name, b, built);
        times.addBlock(w1 - w0, c1 - c0, built.block().transactions().size(), b.gasUsed());
      }
      log.printf(
          "levity: %s import, %s: %,.0f tx/s, %.1f Mgas/s%n",
          name, s.name(), times.txPerSecond(), times.mgasPerSecond());
      log.flush();
      out.put(s.name(), times);
    }
    return out;
  }

  /** Fails unless the import gave the block the builder built. */
  static void check(String run, Block expected, BlockBuilder.Built actual) {
    Bytes32 root = actual.block().header().stateRoot();
    if (!root.equals(expected.stateRoot()) || !actual.block().hash().equals(expected.hash())) {
      throw new IllegalStateException(
          "the "
              + run
              + " import of block "
              + actual.block().number()
              + " gave state root "
              + root
              + " and hash "
              + actual.block().hash()
              + ", the end-to-end import gave state root "
              + expected.stateRoot()
              + " and hash "
              + expected.hash()
              + ": the runs did not do the same work");
    }
  }
}

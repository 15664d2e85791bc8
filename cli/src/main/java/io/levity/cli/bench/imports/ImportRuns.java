package io.levity.cli.bench.imports;

import io.levity.cli.bench.imports.ImportChain.Block;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.core.bytes.Bytes32;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.runtime.ChainExecutor;
import io.levity.node.runtime.Payload;
import io.levity.node.store.RocksDbBlockStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

/**
 * Imports of a whole {@link ImportChain}, each into its own fresh RocksDB store, timed per measured
 * block: end to end through {@link ChainExecutor} as a validator imports, or staged ({@link
 * StagedImport}). Several imports run interleaved block by block (the first to go rotates), so JIT
 * warm-up and whatever else the machine does fall on all of them alike. Every block must come out
 * with the builder's hash and state root, else the run fails: a benchmark of other work measures
 * nothing.
 */
final class ImportRuns {
  /** How a block is imported. */
  @FunctionalInterface
  interface Importer {
    BlockBuilder.Built importBlock(Block block, StageTimes times);
  }

  /** A named way to import, with its own store. */
  record Variant(String name, Importer importer) {}

  static final String END_TO_END = "end to end, 1 thread";
  static final String END_TO_END_PARALLEL = "end to end, all threads";
  static final String STAGED = "staged, 1 thread";
  static final String PARALLEL = "staged, parallel recovery";

  /** The capacity of each end-to-end import's own validation cache: the node's shared one's. */
  static final int CACHE_CAPACITY = 1 << 15;

  private ImportRuns() {}

  /**
   * End to end on one thread and on {@code threads}, staged on one thread and staged with the
   * senders recovered on {@code threads}, interleaved; results by variant name, then by workload.
   */
  static Map<String, Map<String, StageTimes>> all(
      Path dir, ImportChain chain, int threads, Meters meters, PrintWriter log) {
    long chainId = chain.genesis().chainId();
    try (RocksDbBlockStore e2eStore = open(dir.resolve("end-to-end"), chain);
        RocksDbBlockStore e2eParStore = open(dir.resolve("end-to-end-parallel"), chain);
        RocksDbBlockStore oneStore = open(dir.resolve("staged"), chain);
        RocksDbBlockStore parStore = open(dir.resolve("staged-parallel"), chain);
        ForkJoinPool onePool = new ForkJoinPool(1);
        ForkJoinPool parPool = new ForkJoinPool(threads);
        StagedImport one = new StagedImport(oneStore, chainId, 1, meters.wall());
        StagedImport par = new StagedImport(parStore, chainId, threads, meters.wall())) {
      return run(
          chain,
          meters,
          log,
          List.of(
              endToEnd(END_TO_END, e2eStore, chainId, onePool),
              endToEnd(END_TO_END_PARALLEL, e2eParStore, chainId, parPool),
              new Variant(STAGED, (b, t) -> one.importBlock(b.payload(), b.consensusId(), t)),
              new Variant(PARALLEL, (b, t) -> par.importBlock(b.payload(), b.consensusId(), t))));
    }
  }

  /** End to end alone, on one thread. */
  static Map<String, StageTimes> endToEnd(
      Path dir, ImportChain chain, Meters meters, PrintWriter log) {
    try (RocksDbBlockStore store = open(dir, chain);
        ForkJoinPool pool = new ForkJoinPool(1)) {
      Variant v = endToEnd(END_TO_END, store, chain.genesis().chainId(), pool);
      return run(chain, meters, log, List.of(v)).get(END_TO_END);
    }
  }

  /** Staged alone, recovering senders on {@code threads} threads. */
  static Map<String, StageTimes> staged(
      Path dir, ImportChain chain, int threads, Meters meters, PrintWriter log) {
    try (RocksDbBlockStore store = open(dir, chain);
        StagedImport staged =
            new StagedImport(store, chain.genesis().chainId(), threads, meters.wall())) {
      Importer i = (b, t) -> staged.importBlock(b.payload(), b.consensusId(), t);
      return run(chain, meters, log, List.of(new Variant(STAGED, i))).get(STAGED);
    }
  }

  private static RocksDbBlockStore open(Path dir, ImportChain chain) {
    RocksDbBlockStore store = RocksDbBlockStore.open(dir);
    store.initialize(chain.genesis());
    return store;
  }

  /**
   * {@code ChainExecutor.executeAndStore} after {@code Payload.decode}, called on a worker of
   * {@code pool}, so that the executor's parallel validation runs on that pool's threads (one: on
   * one thread), with a validation cache of its own: the shared one holds the builder's results.
   */
  private static Variant endToEnd(
      String name, RocksDbBlockStore store, long chainId, ForkJoinPool pool) {
    ChainExecutor executor = new ChainExecutor(store, chainId, new ValidationCache(CACHE_CAPACITY));
    return new Variant(
        name,
        (b, t) ->
            inPool(
                pool,
                () ->
                    executor.executeAndStore(
                        Payload.decode(b.payload()), b.consensusId(), x -> {})));
  }

  static <T> T inPool(ForkJoinPool pool, Callable<T> task) {
    try {
      return pool.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while importing", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("the import failed", e.getCause());
    }
  }

  static Map<String, Map<String, StageTimes>> run(
      ImportChain chain, Meters meters, PrintWriter log, List<Variant> variants) {
    Map<String, Map<String, StageTimes>> out = new LinkedHashMap<>();
    for (Variant v : variants) out.put(v.name(), new LinkedHashMap<>());
    int n = variants.size();
    for (Segment s : chain.segments()) {
      StageTimes untimed = new StageTimes();
      for (Block b : s.warmup())
        for (Variant v : variants) check(v.name(), b, v.importer().importBlock(b, untimed));
      if (s.measured().isEmpty()) continue;
      List<StageTimes> times = new ArrayList<>();
      for (int k = 0; k < n; k++) times.add(new StageTimes());
      System.gc(); // the measured blocks start from a heap without the warm-up's garbage
      long gc0 = meters.gc().getAsLong();
      for (int i = 0; i < s.measured().size(); i++) {
        Block b = s.measured().get(i);
        for (int j = 0; j < n; j++) {
          int k = (i + j) % n;
          Variant v = variants.get(k);
          StageTimes t = times.get(k);
          long w0 = meters.wall().getAsLong();
          long c0 = meters.cpu().getAsLong();
          BlockBuilder.Built built = v.importer().importBlock(b, t);
          long w1 = meters.wall().getAsLong();
          long c1 = meters.cpu().getAsLong();
          check(v.name(), b, built);
          t.addBlock(w1 - w0, c1 - c0, built.block().transactions().size(), b.gasUsed());
        }
      }
      long gc = meters.gc().getAsLong() - gc0;
      for (int k = 0; k < n; k++) {
        StageTimes t = times.get(k);
        t.gcMillis = gc; // the collector's time over the interleaved blocks, shared by all
        out.get(variants.get(k).name()).put(s.name(), t);
        log.printf(
            "levity: %s, %s: %,.0f tx/s, %.1f Mgas/s%n",
            s.name(), variants.get(k).name(), t.txPerSecond(), t.mgasPerSecond());
      }
      log.flush();
    }
    return out;
  }

  /** Fails unless the import gave the block the builder built. */
  static void check(String run, Block expected, BlockBuilder.Built actual) {
    Bytes32 root = actual.block().header().stateRoot();
    if (!root.equals(expected.stateRoot()) || !actual.block().hash().equals(expected.hash())) {
      throw new IllegalStateException(
          "block "
              + actual.block().number()
              + ", imported "
              + run
              + ": state root "
              + root
              + ", hash "
              + actual.block().hash()
              + "; as built: state root "
              + expected.stateRoot()
              + ", hash "
              + expected.hash()
              + ": the runs did not do the same work");
    }
  }
}

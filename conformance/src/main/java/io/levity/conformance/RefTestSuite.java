package io.levity.conformance;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Walks files and folders of ethereum/tests fixtures, picks a {@link FixtureRunner} by each file's
 * JSON shape, and collects the outcome of every case. A JSON file no runner recognises is a
 * failure, never a skip.
 */
public final class RefTestSuite {
  /** Stack size of worker threads, matching the launcher's -Xss16m. */
  private static final long WORKER_STACK_BYTES = 16L << 20;

  private final List<FixtureRunner> runners;
  private final ObjectMapper json;

  /** A suite that tries the runners in order; the first that recognises a file runs it. */
  public RefTestSuite(List<FixtureRunner> runners) {
    this.runners = List.copyOf(runners);
    this.json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    this.json
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(512 * 1024 * 1024)
                .maxNumberLength(10_000)
                .build());
  }

  /** The runners this version of Levity knows, most specific shapes first. */
  public static RefTestSuite standard() {
    return new RefTestSuite(
        List.of(
            new StateTestFixtureRunner(),
            new TransactionFixtureRunner(),
            new TrieFixtureRunner(),
            new RlpFixtureRunner()));
  }

  /** One case's result. */
  public record Outcome(Path file, String caseName, Status status, String reason) {}

  /** What became of a case. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** Totals of a run. */
  public record Summary(long passed, long failed, long skipped, List<Outcome> failures) {
    /** The totals as {@code levity reftest} prints them: "N passed, M failed, K skipped". */
    public String line() {
      return passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
  }

  /** Every JSON file under the given paths, in a stable order. */
  public static List<Path> collect(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) throw new IllegalArgumentException("no such file or folder: " + p);
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }

  /**
   * Runs the files one after another, streaming each outcome to the listener, and returns the
   * totals.
   */
  public Summary run(List<Path> files, Consumer<Outcome> listener) {
    return run(files, listener, 1);
  }

  /**
   * Runs the files on {@code threads} threads (1: on the caller's thread). Outcomes reach the
   * listener on the caller's thread in the same order as a sequential run, so reports do not depend
   * on the thread count.
   */
  public Summary run(List<Path> files, Consumer<Outcome> listener, int threads) {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    List<Outcome> failures = new ArrayList<>();
    Consumer<Outcome> tally =
        o -> {
          counts.merge(o.status(), 1L, Long::sum);
          if (o.status() == Status.FAILED) failures.add(o);
          listener.accept(o);
        };
    if (threads <= 1 || files.size() <= 1) {
      for (Path file : files) runFileGuarded(file, tally);
    } else {
      runParallel(files, tally, threads);
    }
    return new Summary(
        counts.getOrDefault(Status.PASSED, 0L),
        counts.getOrDefault(Status.FAILED, 0L),
        counts.getOrDefault(Status.SKIPPED, 0L),
        failures);
  }

  private void runParallel(List<Path> files, Consumer<Outcome> out, int threads) {
    AtomicInteger ids = new AtomicInteger();
    // Fixture code may recurse deeply (nested RLP), so workers get the stack size the launcher
    // gives the CLI.
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(null, r, "reftest-" + ids.incrementAndGet(), WORKER_STACK_BYTES);
          t.setDaemon(true);
          return t;
        };
    ExecutorService pool = Executors.newFixedThreadPool(threads, factory);
    try {
      // A bounded window of files in flight keeps memory flat; results are drained in submission
      // order.
      ArrayDeque<Future<List<Outcome>>> window = new ArrayDeque<>();
      Iterator<Path> next = files.iterator();
      while (next.hasNext() || !window.isEmpty()) {
        while (next.hasNext() && window.size() < threads * 4) {
          Path file = next.next();
          window.add(
              pool.submit(
                  () -> {
                    List<Outcome> buffer = new ArrayList<>();
                    runFileGuarded(file, buffer::add);
                    return buffer;
                  }));
        }
        for (Outcome o : await(window.poll())) out.accept(o);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Outcome> await(Future<List<Outcome>> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running fixtures", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("fixture worker failed", e.getCause());
    }
  }

  /**
   * Runs one file; a runner that throws past its own case handling fails the file instead of the
   * whole run.
   */
  private void runFileGuarded(Path file, Consumer<Outcome> out) {
    try {
      runFile(file, out);
    } catch (RuntimeException | StackOverflowError e) {
      out.accept(new Outcome(file, "(file)", Status.FAILED, "runner failed: " + e));
    }
  }

  /** Runs every case of one file. */
  public void runFile(Path file, Consumer<Outcome> out) {
    JsonNode root;
    try {
      root = json.readTree(file.toFile());
    } catch (IOException e) {
      out.accept(new Outcome(file, "(file)", Status.FAILED, "cannot read JSON: " + e.getMessage()));
      return;
    }
    FixtureRunner runner = null;
    for (FixtureRunner r : runners) {
      if (r.recognizes(file, root)) {
        runner = r;
        break;
      }
    }
    if (runner == null) {
      out.accept(
          new Outcome(
              file,
              "(file)",
              Status.FAILED,
              "unknown fixture shape: no runner recognises this file"));
      return;
    }
    runner.run(
        file,
        root,
        (caseName, status, reason) -> out.accept(new Outcome(file, caseName, status, reason)));
  }
}

package io.levity.cli.reftest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Walks files and folders of ethereum/tests fixtures, picks a {@link FixtureRunner} by each file's JSON shape, and
 * collects the outcome of every case. A JSON file no runner recognises is a failure, never a skip.
 */
public final class RefTestSuite {
  private final List<FixtureRunner> runners;
  private final ObjectMapper json;

  public RefTestSuite(List<FixtureRunner> runners) {
    this.runners = List.copyOf(runners);
    this.json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    this.json.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxStringLength(512 * 1024 * 1024).maxNumberLength(10_000).build());
  }

  /** The runners this version of Levity knows. */
  public static RefTestSuite standard() {
    return new RefTestSuite(FixtureRunners.all());
  }

  /** One case's result. */
  public record Outcome(Path file, String caseName, Status status, String reason) {}

  public enum Status { PASSED, FAILED, SKIPPED }

  /** Totals of a run. */
  public record Summary(long passed, long failed, long skipped, List<Outcome> failures) {
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
          s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted()
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

  /** Runs the files, streaming each outcome to the listener, and returns the totals. */
  public Summary run(List<Path> files, Consumer<Outcome> listener) {
    long[] counts = new long[3];
    List<Outcome> failures = new ArrayList<>();
    for (Path file : files) {
      runFile(file, o -> {
        counts[o.status().ordinal()]++;
        if (o.status() == Status.FAILED) failures.add(o);
        listener.accept(o);
      });
    }
    return new Summary(counts[0], counts[1], counts[2], failures);
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
      out.accept(new Outcome(file, "(file)", Status.FAILED, "unknown fixture shape: no runner recognises this file"));
      return;
    }
    runner.run(file, root, new CaseSink() {
      @Override
      public void passed(String caseName) {
        out.accept(new Outcome(file, caseName, Status.PASSED, null));
      }

      @Override
      public void failed(String caseName, String reason) {
        out.accept(new Outcome(file, caseName, Status.FAILED, reason));
      }

      @Override
      public void skipped(String caseName, String reason) {
        out.accept(new Outcome(file, caseName, Status.SKIPPED, reason));
      }
    });
  }
}

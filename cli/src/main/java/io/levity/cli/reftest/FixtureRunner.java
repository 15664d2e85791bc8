package io.levity.cli.reftest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * Runs one kind of ethereum/tests fixture. The runner is chosen by the JSON shape of the file, not
 * its path, so a fixture copied elsewhere is still recognised. A suite may run several files at
 * once, so implementations must be thread-safe.
 */
public interface FixtureRunner {
  /** A short name for reports, such as "rlp" or "trie". */
  String kind();

  /** True when the parsed file has this runner's shape. */
  boolean recognizes(Path file, JsonNode root);

  /** Runs every case in the file; each case is reported exactly once. */
  void run(Path file, JsonNode root, CaseSink sink);
}

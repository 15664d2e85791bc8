package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Runs one kind of ethereum/tests fixture. The runner is chosen by the JSON shape of the file, not
 * its path, so a fixture copied elsewhere is still recognised. Every kind is an object of named
 * cases. A suite may run several files at once, so implementations must be thread-safe.
 */
public interface FixtureRunner {
  /** True when the parsed file has this runner's shape: an object of cases it recognises. */
  default boolean recognizes(Path file, JsonNode root) {
    if (!root.isObject() || root.isEmpty()) return false;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getValue().isObject() || !recognizesCase(e.getValue())) return false;
    }
    return true;
  }

  /** True when one case (a JSON object) has this runner's shape. */
  boolean recognizesCase(JsonNode c);

  /** Runs every case in the file; each case is reported exactly once. */
  default void run(Path file, JsonNode root, CaseSink sink) {
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      runCase(file, e.getKey(), e.getValue(), sink);
    }
  }

  /** Runs one named case of the file (a test may report several cases, one per fork or entry). */
  void runCase(Path file, String name, JsonNode c, CaseSink sink);

  /** True when every field of the object is one of {@code allowed}. */
  static boolean hasOnlyFields(JsonNode object, Set<String> allowed) {
    for (Map.Entry<String, JsonNode> f : object.properties()) {
      if (!allowed.contains(f.getKey())) return false;
    }
    return true;
  }
}

package io.levity.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.sdk.abi.AbiFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads what compile.js wrote (ABIs, the meta file) for the tests that compare it with Java. */
public final class CompiledAbi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CompiledAbi() {}

  /** The JSON resource {@code name} beside {@code anchor}. */
  public static JsonNode json(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("no resource " + name);
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The canonical signatures of the ABI's entries of {@code kind} ("function", "event", "error",
   * "constructor"), functions followed by " returns (...)" when they return something.
   */
  public static Set<String> signatures(Class<?> anchor, String abi, String kind) {
    Set<String> out = new HashSet<>();
    for (JsonNode e : json(anchor, abi)) {
      if (!e.path("type").asText().equals(kind)) continue;
      String sig = e.path("name").asText() + types(e.path("inputs"));
      if (kind.equals("function") && !e.path("outputs").isEmpty())
        sig += " returns " + types(e.path("outputs"));
      out.add(sig);
    }
    return out;
  }

  /** A Java declaration in the form {@link #signatures} lists. */
  public static String declared(AbiFunction f) {
    String sig = f.signature();
    if (!f.outputs().isEmpty())
      sig +=
          " returns ("
              + String.join(",", f.outputs().stream().map(t -> t.canonical()).toList())
              + ")";
    return sig;
  }

  private static String types(JsonNode params) {
    List<String> t = new ArrayList<>();
    for (JsonNode p : params) {
      String type = p.path("type").asText();
      t.add(type.startsWith("tuple") ? types(p.path("components")) + type.substring(5) : type);
    }
    return "(" + String.join(",", t) + ")";
  }
}

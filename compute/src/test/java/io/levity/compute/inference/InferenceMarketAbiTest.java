package io.levity.compute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed bytecode against the committed sources, and the Java declarations against the ABI.
 */
class InferenceMarketAbiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = InferenceMarketContract.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  private static String types(JsonNode params) {
    List<String> t = new ArrayList<>();
    for (JsonNode p : params) {
      String type = p.path("type").asText();
      t.add(type.startsWith("tuple") ? types(p.path("components")) + type.substring(5) : type);
    }
    return "(" + String.join(",", t) + ")";
  }

  private static Set<String> compiled(String kind) throws Exception {
    Set<String> out = new HashSet<>();
    for (JsonNode e : resource("InferenceMarket.abi.json")) {
      if (!e.path("type").asText().equals(kind)) continue;
      String sig = e.path("name").asText() + types(e.path("inputs"));
      if (kind.equals("function") && !e.path("outputs").isEmpty())
        sig += " returns " + types(e.path("outputs"));
      out.add(sig);
    }
    return out;
  }

  private static String declared(AbiFunction f) {
    String sig = f.signature();
    if (!f.outputs().isEmpty())
      sig +=
          " returns ("
              + String.join(",", f.outputs().stream().map(t -> t.canonical()).toList())
              + ")";
    return sig;
  }

  @Test
  void compiledCodeIsFromTheCommittedSources() throws Exception {
    JsonNode meta = resource("/io/levity/compute/compute.meta.json");
    assertThat(meta.path("compiler").asText()).startsWith("solc 0.8.30+");
    for (String file : List.of("InferenceMarket.sol", "InferenceReceipts.sol"))
      assertThat(meta.path("sources").path("compute/contracts/" + file).asText())
          .as("rerun node compute/contracts/compile.js")
          .isEqualTo(Keccak.hash(Files.readAllBytes(Path.of("contracts", file))).toHex());
    assertThat(InferenceMarketContract.runtimeCode().size()).isBetween(1000, 24_576);
    assertThat(InferenceMarketContract.creationCode().size())
        .isGreaterThan(InferenceMarketContract.runtimeCode().size());
  }

  @Test
  void everyCustomErrorHasATestThatNamesIt() throws Exception {
    StringBuilder tests = new StringBuilder();
    try (var files = Files.list(Path.of("src/test/java/io/levity/compute/inference"))) {
      for (Path p : files.toList()) tests.append(Files.readString(p));
    }
    for (String declaration : InferenceMarketContract.ERRORS.declarations()) {
      String name = declaration.substring(0, declaration.indexOf('('));
      assertThat(tests.toString()).as("a test expecting " + name).contains('"' + name + '"');
    }
  }

  @Test
  void declarationsMatchTheCompiledAbi() throws Exception {
    Set<String> functions = new HashSet<>();
    for (Field f : InferenceMarketContract.class.getFields())
      if (Modifier.isStatic(f.getModifiers())
          && f.getType() == AbiFunction.class
          && !f.getName().equals("CONSTRUCTOR")) functions.add(declared((AbiFunction) f.get(null)));
    for (AbiFunction f : InferenceMarketContract.PARAMETERS) functions.add(declared(f));
    assertThat(functions).isEqualTo(compiled("function"));
    Set<String> events = new HashSet<>();
    for (AbiEvent e : InferenceMarketContract.EVENTS) events.add(e.signature());
    assertThat(events).isEqualTo(compiled("event"));
    assertThat(new HashSet<>(InferenceMarketContract.ERRORS.declarations()))
        .isEqualTo(compiled("error"));
    assertThat(compiled("constructor"))
        .containsExactly(
            InferenceMarketContract.CONSTRUCTOR.signature().substring("constructor".length()));
  }
}

package io.levity.compute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.compute.CompiledAbi;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed bytecode against the committed sources, and the Java declarations against the ABI.
 */
class InferenceMarketAbiTest {
  private static Set<String> compiled(String kind) {
    return CompiledAbi.signatures(InferenceMarketContract.class, "InferenceMarket.abi.json", kind);
  }

  @Test
  void compiledCodeIsFromTheCommittedSources() throws Exception {
    JsonNode meta =
        CompiledAbi.json(InferenceMarketContract.class, "/io/levity/compute/compute.meta.json");
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
          && !f.getName().equals("CONSTRUCTOR"))
        functions.add(CompiledAbi.declared((AbiFunction) f.get(null)));
    for (AbiFunction f : InferenceMarketContract.PARAMETERS) functions.add(CompiledAbi.declared(f));
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

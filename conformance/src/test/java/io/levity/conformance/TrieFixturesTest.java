package io.levity.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs ethereum/tests TrieTests through {@link TrieFixtureRunner}, next to the RLP runner it must
 * not shadow.
 */
class TrieFixturesTest {
  private Path fixtures;

  @BeforeEach
  void locate() {
    fixtures = FixtureRoot.require("TrieTests").getParent();
  }

  @Test
  void everyTrieFixturePasses() {
    RefTestSuite suite = new RefTestSuite(List.of(new TrieFixtureRunner(), new RlpFixtureRunner()));
    List<Path> files = RefTestSuite.collect(List.of(fixtures.resolve("TrieTests")));
    Map<String, Integer> perFile = new TreeMap<>();
    RefTestSuite.Summary s =
        suite.run(
            files,
            o -> {
              if (o.status() == RefTestSuite.Status.PASSED)
                perFile.merge(o.file().getFileName().toString(), 1, Integer::sum);
            });
    System.out.println("TrieTests: " + s.line() + " " + perFile);
    assertThat(s.failures())
        .as(
            () ->
                s.failures().stream()
                    .map(f -> f.file().getFileName() + " " + f.caseName() + ": " + f.reason())
                    .collect(Collectors.joining("\n")))
        .isEmpty();
    assertThat(s.passed()).isGreaterThan(0);
    assertThat(s.skipped()).isZero();
    // Every file in the folder is run, including trietestnextprev.json and the secure variants.
    assertThat(perFile.keySet()).hasSize(files.size());
  }

  @Test
  void rlpFixturesStillGoToTheRlpRunner() {
    Path rlp = fixtures.resolve("RLPTests");
    Assumptions.assumeTrue(Files.isDirectory(rlp), "no RLPTests folder at " + rlp);
    TrieFixtureRunner trie = new TrieFixtureRunner();
    for (Path f : RefTestSuite.collect(List.of(rlp))) {
      assertThat(trie.recognizes(f, read(f))).as("trie runner claims " + f).isFalse();
    }
    RefTestSuite suite = new RefTestSuite(List.of(trie, new RlpFixtureRunner()));
    RefTestSuite.Summary s = suite.run(RefTestSuite.collect(List.of(rlp)), o -> {});
    assertThat(s.failed()).as(s.line()).isZero();
    assertThat(s.passed()).isGreaterThan(0);
  }

  @Test
  void doesNotClaimTransactionOrStateFixtures() {
    TrieFixtureRunner trie = new TrieFixtureRunner();
    List<Path> others = new ArrayList<>();
    for (String folder : List.of("TransactionTests", "GeneralStateTests")) {
      Path p = fixtures.resolve(folder);
      if (Files.isDirectory(p))
        others.addAll(RefTestSuite.collect(List.of(p)).stream().limit(300).toList());
    }
    Assumptions.assumeFalse(
        others.isEmpty(), "no TransactionTests or GeneralStateTests to check against");
    for (Path f : others)
      assertThat(trie.recognizes(f, read(f))).as("trie runner claims " + f).isFalse();
    ObjectMapper json = new ObjectMapper();
    assertThat(
            trie.recognizes(
                Path.of("x.json"), tree(json, "{\"t\":{\"in\":\"0x00\",\"out\":\"0x00\"}}")))
        .isFalse();
    assertThat(
            trie.recognizes(
                Path.of("x.json"), tree(json, "{\"t\":{\"txbytes\":\"0x\",\"result\":{}}}")))
        .isFalse();
    assertThat(
            trie.recognizes(
                Path.of("x.json"), tree(json, "{\"t\":{\"in\":{},\"root\":\"0x\",\"pre\":{}}}")))
        .isFalse();
    assertThat(
            trie.recognizes(Path.of("x.json"), tree(json, "{\"t\":{\"in\":{},\"root\":\"0x00\"}}")))
        .isTrue();
  }

  private static JsonNode read(Path f) {
    try {
      return new ObjectMapper().readTree(f.toFile());
    } catch (IOException e) {
      throw new AssertionError("cannot read " + f, e);
    }
  }

  private static JsonNode tree(ObjectMapper json, String s) {
    try {
      return json.readTree(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

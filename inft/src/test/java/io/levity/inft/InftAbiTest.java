package io.levity.inft;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed bytecode against the committed sources, and the Java declarations, error list and
 * EIP-712 type strings against what the compiler emitted and the deployed contracts hold.
 */
class InftAbiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = InftContract.class.getResourceAsStream(name)) {
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

  /** name(types) [returns (types)] of every entry of {@code kind} in all compiled ABIs. */
  private static Set<String> compiled(String kind, boolean withOutputs) throws Exception {
    Set<String> out = new HashSet<>();
    for (InftContract c : InftContract.values())
      for (JsonNode e : resource(c.contractName() + ".abi.json")) {
        if (!e.path("type").asText().equals(kind)) continue;
        String name = kind.equals("constructor") ? c.contractName() : e.path("name").asText();
        String sig = name + types(e.path("inputs"));
        if (withOutputs && !e.path("outputs").isEmpty())
          sig += " returns " + types(e.path("outputs"));
        out.add(sig);
      }
    return out;
  }

  @Test
  void compiledCodeIsFromTheCommittedSources() throws Exception {
    JsonNode meta = resource("inft.meta.json");
    assertThat(meta.path("compiler").asText()).startsWith("solc 0.8.30+");
    List<Path> sources;
    try (Stream<Path> s = Files.list(Path.of("contracts"))) {
      sources = s.filter(p -> p.toString().endsWith(".sol")).sorted().toList();
    }
    assertThat(meta.path("sources").size()).isEqualTo(sources.size());
    for (Path p : sources)
      assertThat(meta.path("sources").path("inft/contracts/" + p.getFileName()).asText())
          .as("rerun node inft/contracts/compile.js: " + p)
          .isEqualTo(Keccak.hash(Files.readAllBytes(p)).toHex());
    for (InftContract c : InftContract.values()) {
      Bytes runtime = c.runtimeCode();
      Bytes creation = c.creationCode();
      assertThat(runtime.size()).as(c.contractName()).isBetween(500, 24_576);
      // Creation code ends with the runtime code (immutables are zero in the template).
      assertThat(creation.size()).isGreaterThan(runtime.size());
    }
  }

  @Test
  void everyDeclarationIsInTheCompiledAbi() throws Exception {
    List<String> functions = new ArrayList<>();
    List<String> constructors = new ArrayList<>();
    for (Field field : InftAbi.class.getFields())
      if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof AbiFunction f)
        (field.getName().endsWith("_CONSTRUCTOR") ? constructors : functions).add(f.toString());
    assertThat(functions).hasSizeGreaterThan(30);
    assertThat(compiled("function", true)).containsAll(functions);
    assertThat(compiled("constructor", false)).containsAll(constructors);
  }

  @Test
  void everyEventIsInTheCompiledAbiWithItsIndexedParameters() throws Exception {
    Set<String> compiled = new HashSet<>();
    for (InftContract c : InftContract.values())
      for (JsonNode e : resource(c.contractName() + ".abi.json"))
        if (e.path("type").asText().equals("event")) {
          List<String> params = new ArrayList<>();
          for (JsonNode p : e.path("inputs"))
            params.add(p.path("type").asText() + (p.path("indexed").asBoolean() ? " indexed" : ""));
          compiled.add(e.path("name").asText() + "(" + String.join(",", params) + ")");
        }
    List<String> ours = new ArrayList<>();
    for (Field field : InftAbi.class.getFields())
      if (field.get(null) instanceof AbiEvent e)
        ours.add(
            e.name()
                + e.params().stream()
                    .map(p -> p.type().canonical() + (p.indexed() ? " indexed" : ""))
                    .collect(Collectors.joining(",", "(", ")")));
    assertThat(ours).hasSizeGreaterThan(10);
    assertThat(compiled).containsAll(ours);
  }

  @Test
  void theErrorListIsExactlyTheContractsCustomErrors() throws Exception {
    assertThat(new HashSet<>(InftErrors.DECLARATIONS))
        .isEqualTo(compiled("error", false))
        .hasSize(InftErrors.DECLARATIONS.size());
  }

  @Test
  void errorsAreDescribedWithTheirArguments() {
    Bytes revert =
        AbiFunction.parse("StaleDataHash(uint256,bytes32,bytes32)")
            .encodeCall(BigInteger.ONE, Bytes32.ZERO, Keccak.EMPTY_HASH);
    assertThat(InftErrors.name(revert)).contains("StaleDataHash");
    assertThat(InftErrors.describe(revert))
        .isEqualTo(
            "StaleDataHash(1, " + Bytes32.ZERO.toHex() + ", " + Keccak.EMPTY_HASH.toHex() + ")");
    assertThat(InftErrors.describe(Bytes.EMPTY)).isEqualTo("reverted without data");
    assertThat(InftErrors.name(Bytes.fromHex("0x12345678"))).isEmpty();
  }

  @Test
  void theTypeStringsAreTheContractsAndTheDigestsMatch() {
    InftFixture f = new InftFixture();
    Map<String, Address> where =
        Map.of(
            "ACCESS_TYPEHASH", f.verifier,
            "OWNERSHIP_TYPEHASH", f.verifier,
            "DATA_STORED_TYPEHASH", f.verifier,
            "LISTING_TYPEHASH", f.market,
            "OFFER_TYPEHASH", f.market);
    Map<String, String> type =
        Map.of(
            "ACCESS_TYPEHASH", InftTypedData.ACCESS_TYPE,
            "OWNERSHIP_TYPEHASH", InftTypedData.OWNERSHIP_TYPE,
            "DATA_STORED_TYPEHASH", InftTypedData.DATA_STORED_TYPE,
            "LISTING_TYPEHASH", InftTypedData.LISTING_TYPE,
            "OFFER_TYPEHASH", InftTypedData.OFFER_TYPE);
    for (String name : where.keySet()) {
      AbiFunction constant = AbiFunction.parse(name + "() returns (bytes32)");
      assertThat(f.chain.view(where.get(name), constant).bytes32(0))
          .as(name)
          .isEqualTo(InftTypedData.typeHash(type.get(name)));
    }
    AbiFunction tag = AbiFunction.parse("POSSESSION_TAG() returns (bytes32)");
    assertThat(f.chain.view(f.software, tag).bytes32(0))
        .isEqualTo(InftTypedData.SOFTWARE_ATTESTATION_TAG);
    MarketOrder o =
        new MarketOrder(
            f.bob.address(),
            f.nft,
            BigInteger.TWO,
            BigInteger.TEN,
            Address.ZERO,
            BigInteger.ONE,
            99);
    AbiFunction digest =
        AbiFunction.parse("orderDigest(" + InftAbi.ORDER + ",bytes32) returns (bytes32)");
    assertThat(
            f.chain
                .view(
                    f.market,
                    digest,
                    o.abiValue(),
                    InftTypedData.typeHash(InftTypedData.OFFER_TYPE))
                .bytes32(0))
        .isEqualTo(InftTypedData.orderDigest(f.chain.chainId, f.market, o, false));
  }
}

package io.levity.storage.chain.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Java side of the registry's interface against what the compiler emitted, and the ABI codec's
 * strictness.
 */
class RegistryAbiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode abi() throws Exception {
    try (InputStream in =
        StorageRegistryCode.class.getResourceAsStream("StorageRegistry.abi.json")) {
      return JSON.readTree(in);
    }
  }

  /**
   * name(type,...) of every function and event in the compiled ABI, with tuple types expanded,
   * followed by " returns (types)" when {@code withOutputs} and there are outputs.
   */
  private static Set<String> signatures(JsonNode abi, String kind, boolean withOutputs) {
    Set<String> out = new HashSet<>();
    for (JsonNode e : abi)
      if (e.path("type").asText().equals(kind)) {
        String sig = e.path("name").asText() + types(e.path("inputs"));
        if (withOutputs && !e.path("outputs").isEmpty())
          sig += " returns " + types(e.path("outputs"));
        out.add(sig);
      }
    return out;
  }

  private static String types(JsonNode params) {
    List<String> t = new ArrayList<>();
    for (JsonNode p : params) {
      String type = p.path("type").asText();
      t.add(type.startsWith("tuple") ? types(p.path("components")) + type.substring(5) : type);
    }
    return "(" + String.join(",", t) + ")";
  }

  @Test
  void everyDeclarationUsedIsInTheCompiledAbi() throws Exception {
    JsonNode abi = abi();
    List<String> used = new ArrayList<>();
    for (AbiFunction f :
        List.of(
            RegistryAbi.SUBMIT,
            RegistryAbi.FILE,
            RegistryAbi.FILE_COUNT,
            RegistryAbi.FILES_PAGE,
            RegistryAbi.REGISTER_NODE,
            RegistryAbi.REGISTRATION_DIGEST,
            RegistryAbi.NODE_COUNT,
            RegistryAbi.NODES_PAGE,
            RegistryAbi.OWNER_OF,
            RegistryAbi.RECORD_PROOF)) used.add(f.toString());
    assertThat(signatures(abi, "function", true)).containsAll(used);
    assertThat(signatures(abi, "event", false)).contains(RegistryAbi.PROOF_RESULT.signature());
    for (JsonNode e : abi) {
      if (e.path("name").asText().equals("ProofResult")) {
        List<Boolean> indexed = new ArrayList<>();
        for (JsonNode p : e.path("inputs")) indexed.add(p.path("indexed").asBoolean());
        assertThat(indexed)
            .containsExactlyElementsOf(
                RegistryAbi.PROOF_RESULT.params().stream().map(AbiEvent.Param::indexed).toList());
      }
    }
  }

  @Test
  void compiledCodeIsFromTheCommittedSource() throws Exception {
    // Tests run in the module directory; the source must hash to what compile.js recorded next to
    // the bytecode.
    byte[] source = Files.readAllBytes(Path.of("contracts", "StorageRegistry.sol"));
    JsonNode meta;
    try (InputStream in =
        StorageRegistryCode.class.getResourceAsStream("StorageRegistry.meta.json")) {
      meta = JSON.readTree(in);
    }
    assertThat(meta.path("sourceKeccak256").asText())
        .as("rerun storage/contracts/compile.js")
        .isEqualTo(Keccak.hash(source).toHex());
    assertThat(meta.path("compiler").asText()).startsWith("solc 0.8.30+");
    Bytes runtime = StorageRegistryCode.runtimeCode();
    Bytes creation = StorageRegistryCode.creationCode();
    assertThat(runtime.size()).isBetween(1000, 24_576);
    // Creation code = a constructor that returns the runtime code appended to it.
    assertThat(creation.slice(creation.size() - runtime.size())).isEqualTo(runtime);
    // The constructor writes only the two role slots (owner, auditor) that a genesis allocation
    // writes instead (StorageRegistryCode.genesisStorage): two SSTOREs, nothing else stored.
    Bytes prologue = creation.slice(0, creation.size() - runtime.size());
    assertThat(prologue.size()).isLessThan(256);
    byte[] code = prologue.toArray();
    int stores = 0;
    for (int i = 0; i < code.length; i++) {
      int op = code[i] & 0xff;
      if (op == 0x55) stores++; // SSTORE
      if (op >= 0x60 && op <= 0x7f) i += op - 0x5f; // skip PUSH data
    }
    assertThat(stores).isEqualTo(2);
  }

  @Test
  void callDataFollowsTheAbi() {
    Bytes32 id = Bytes32.fromHex32("0x" + "11".repeat(32));
    Bytes signature = Bytes.fromHex("0x" + "33".repeat(64));
    Bytes data = RegistryAbi.registerNode(new StorageNodeRecord(id, "127.0.0.1:7001"), signature);
    String hex = data.toHex().substring(2);
    assertThat(hex.substring(0, 8))
        .isEqualTo(
            Hex.encodeBare(
                Keccak.hash256(
                    "registerNode(bytes32,string,bytes)".getBytes(StandardCharsets.US_ASCII)),
                0,
                4));
    assertThat(hex.substring(8))
        .isEqualTo(
            "11".repeat(32)
                + "0".repeat(62)
                + "60"
                + "0".repeat(62)
                + "a0"
                + "0".repeat(62)
                + "0e"
                + Hex.encodeBare("127.0.0.1:7001".getBytes(StandardCharsets.US_ASCII))
                + "0".repeat(36)
                + "0".repeat(62)
                + "40"
                + "33".repeat(64));
    Submission s =
        new Submission(id, 1000, 6, 3, Bytes32.fromHex32("0x" + "22".repeat(32)), Bytes32.ZERO);
    assertThat(RegistryAbi.submit(s).size()).isEqualTo(4 + 5 * 32);
    assertThat(RegistryAbi.recordProof(new ProofRecord(3, id, id, 2, true, "")).size())
        .isEqualTo(4 + 7 * 32);
  }

  private static List<StorageNodeRecord> nodesPage(byte[] ret) {
    return RegistryAbi.decodeNodesPage(
        RegistryAbi.decoding(
            "node page", () -> RegistryAbi.NODES_PAGE.decodeReturn(Bytes.wrap(ret))));
  }

  private static Optional<Submission> file(byte[] ret) {
    return RegistryAbi.decodeFile(
        RegistryAbi.decoding("file record", () -> RegistryAbi.FILE.decodeReturn(Bytes.wrap(ret))));
  }

  private static byte[] words(String... hexWords) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String w : hexWords) out.writeBytes(Bytes32.leftPad(Hex.decode(w)).toArray());
    return out.toByteArray();
  }

  @Test
  void decodesPagesAndRejectsOffsetsOutsideTheData() {
    // One node: array at 0x20, length 1, tuple offset 0x20 (from the heads), tuple (id, 0x40),
    // string "a:1".
    byte[] page = new byte[32 * 7];
    System.arraycopy(words("20", "01", "20", "aa", "40", "03"), 0, page, 0, 32 * 6);
    System.arraycopy("a:1".getBytes(StandardCharsets.US_ASCII), 0, page, 32 * 6, 3);
    List<StorageNodeRecord> nodes = nodesPage(page);
    assertThat(nodes)
        .containsExactly(new StorageNodeRecord(Bytes32.leftPad(new byte[] {(byte) 0xaa}), "a:1"));

    byte[] pastEnd = page.clone();
    pastEnd[32 * 5 + 31] = (byte) 0xff; // the string claims 255 bytes
    assertThatThrownBy(() -> nodesPage(pastEnd))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("malformed node page");
    byte[] hugeCount = page.clone();
    hugeCount[32 + 28] = 0x7f; // a count of about 2^31 elements
    assertThatThrownBy(() -> nodesPage(hugeCount)).isInstanceOf(RegistryException.class);
    byte[] wideOffset = page.clone();
    wideOffset[0] = 1;
    assertThatThrownBy(() -> nodesPage(wideOffset))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("wider than");

    byte[] file = words("aa", "0400", "06", "03", "bb", "f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    assertThat(file(file))
        .hasValueSatisfying(
            f -> {
              assertThat(f.length()).isEqualTo(1024);
              assertThat(f.dataShards()).isEqualTo(6);
              assertThat(Address.fromWord(f.submitter().toArray()))
                  .isEqualTo(Address.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"));
            });
    assertThat(file(new byte[32 * 6])).isEmpty();
    byte[] badCode = words("aa", "0400", "0100", "03", "bb", "00");
    assertThatThrownBy(() -> file(badCode)).hasMessageContaining("wider than 8 bits");
  }

  @Test
  void decodesProofResultLogs() {
    Bytes32 node = Bytes32.fromHex32("0x" + "33".repeat(32));
    List<Bytes32> topics =
        List.of(
            RegistryAbi.PROOF_RESULT.topic(),
            Bytes32.leftPad(new byte[] {9}),
            node,
            Bytes32.leftPad(new byte[20]));
    byte[] data = new byte[32 * 6];
    System.arraycopy(words("cc", "05", "00", "80", "0b"), 0, data, 0, 32 * 5);
    System.arraycopy("no answer: ".getBytes(StandardCharsets.US_ASCII), 0, data, 32 * 5, 11);
    ProofRecord r = RegistryAbi.decodeProofResult(topics, Bytes.wrap(data));
    assertThat(r)
        .isEqualTo(
            new ProofRecord(
                9, node, Bytes32.leftPad(new byte[] {(byte) 0xcc}), 5, false, "no answer: "));
    byte[] notBool = data.clone();
    notBool[64 + 31] = 2;
    assertThatThrownBy(() -> RegistryAbi.decodeProofResult(topics, Bytes.wrap(notBool)))
        .isInstanceOf(RegistryException.class);
    assertThatThrownBy(() -> RegistryAbi.decodeProofResult(topics.subList(0, 3), Bytes.wrap(data)))
        .hasMessageContaining(
            "not a ProofResult(uint64,bytes32,address,bytes32,uint32,bool,string) log");
  }

  @Test
  void reasonsAreCutAtCharacterBoundaries() {
    assertThat(RegistryAbi.truncateUtf8("abc", 3)).isEqualTo("abc");
    assertThat(RegistryAbi.truncateUtf8("ab\u00e9", 3)).isEqualTo("ab");
    assertThat(RegistryAbi.truncateUtf8("x".repeat(600), 512)).hasSize(512);
  }
}

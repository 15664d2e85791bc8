package io.levity.da.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed DataAvailability code is compiled from the committed source, and the Java side's
 * declarations are in the ABI the compiler emitted.
 */
class DataAvailabilityAbiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode resource(String name) throws Exception {
    try (InputStream in = DataAvailabilityContract.class.getResourceAsStream(name)) {
      return JSON.readTree(in);
    }
  }

  private static Set<String> signatures(JsonNode abi, String kind, boolean withOutputs) {
    Set<String> out = new HashSet<>();
    for (JsonNode e : abi)
      if (e.path("type").asText().equals(kind)) {
        String sig = (kind.equals("constructor") ? "constructor" : e.path("name").asText());
        sig += types(e.path("inputs"));
        if (withOutputs && !e.path("outputs").isEmpty())
          sig += " returns " + types(e.path("outputs"));
        out.add(sig);
      }
    return out;
  }

  private static String types(JsonNode params) {
    List<String> t = new ArrayList<>();
    for (JsonNode p : params) t.add(p.path("type").asText());
    return "(" + String.join(",", t) + ")";
  }

  @Test
  void compiledCodeIsFromTheCommittedSource() throws Exception {
    // Tests run in the module directory; the source must hash to what compile.js recorded.
    byte[] source = Files.readAllBytes(Path.of("contracts", "DataAvailability.sol"));
    JsonNode meta = resource("DataAvailability.meta.json");
    assertThat(meta.path("sourceKeccak256").asText())
        .as("rerun node da/contracts/compile.js")
        .isEqualTo(Keccak.hash(source).toHex());
    assertThat(meta.path("compiler").asText()).startsWith("solc 0.8.30+");
    assertThat(meta.path("evmVersion").asText()).isEqualTo("cancun");
    Bytes runtime = DataAvailabilityContract.runtimeCode();
    Bytes creation = DataAvailabilityContract.creationCode();
    assertThat(runtime.size()).isBetween(1000, 24_576);
    // The creation code ends with the runtime code it returns, immutables aside (zero here): the
    // two are one compilation.
    assertThat(creation.size()).isGreaterThan(runtime.size());
    Bytes tail = creation.slice(creation.size() - runtime.size());
    int differing = 0;
    for (int i = 0; i < runtime.size(); i++)
      if (tail.toArray()[i] != runtime.toArray()[i]) differing++;
    assertThat(differing).isZero();
  }

  @Test
  void everyDeclarationUsedIsInTheCompiledAbi() throws Exception {
    JsonNode abi = resource("DataAvailability.abi.json");
    List<String> used = new ArrayList<>();
    for (AbiFunction f :
        List.of(
            DataAvailabilityContract.REGISTER,
            DataAvailabilityContract.EXIT,
            DataAvailabilityContract.WITHDRAW,
            DataAvailabilityContract.CHECK_DA_CERT,
            DataAvailabilityContract.CERTIFY,
            DataAvailabilityContract.NODE_COUNT,
            DataAvailabilityContract.NODE,
            DataAvailabilityContract.EPOCH_BLOCKS,
            DataAvailabilityContract.THRESHOLD_BPS,
            DataAvailabilityContract.MIN_STAKE,
            DataAvailabilityContract.CURRENT_EPOCH,
            DataAvailabilityContract.TOTAL_STAKE,
            DataAvailabilityContract.CERTIFIED,
            DataAvailabilityContract.SIGNING_MESSAGE,
            DataAvailabilityContract.POP_MESSAGE,
            DataAvailabilityContract.HASH_TO_G1)) used.add(f.toString());
    assertThat(signatures(abi, "function", true)).containsAll(used);
    assertThat(signatures(abi, "constructor", false))
        .containsExactly(DataAvailabilityContract.CONSTRUCTOR.toString());
    Set<String> events = signatures(abi, "event", false);
    for (AbiEvent e :
        List.of(DataAvailabilityContract.BLOB_CERTIFIED, DataAvailabilityContract.NODE_REGISTERED))
      assertThat(events).contains(e.signature());
    Set<String> errors = signatures(abi, "error", false);
    assertThat(DataAvailabilityContract.ERRORS.declarations())
        .containsExactlyInAnyOrderElementsOf(errors);
  }
}

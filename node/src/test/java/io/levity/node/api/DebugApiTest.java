package io.levity.node.api;

import static io.levity.node.api.TestChain.CHAIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.time.TimeSource;
import io.levity.execution.fork.Fork;
import io.levity.node.api.trace.TraceLimits;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.MethodCosts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The debug_trace* methods through JsonRpcProcessor over the small test chain. */
class DebugApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestChain chain = new TestChain();

  private final TimeSource clock =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return 0;
        }

        @Override
        public long epochMillis() {
          return 0;
        }
      };

  private JsonRpcProcessor processor(TraceLimits limits) {
    JsonRpcProcessor p = new JsonRpcProcessor(100);
    new DebugApi(
            new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 3),
            Fork.CANCUN,
            50_000_000L,
            limits,
            clock)
        .register(p);
    return p;
  }

  private static JsonNode call(JsonRpcProcessor p, String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      return JSON.readTree(p.handle(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String q(Object o) {
    return "\"" + o + "\"";
  }

  @Test
  void traceTransactionOfAMinedTransaction() {
    // logCall: the second block's first transaction, SSTORE(1, 42) then LOG2.
    JsonNode r =
        call(
                processor(TraceLimits.DEFAULT),
                "debug_traceTransaction",
                "[" + q(chain.logCall.hash()) + "]")
            .get("result");
    assertThat(r.get("failed").asBoolean()).isFalse();
    JsonNode logs = r.get("structLogs");
    assertThat(logs.size()).isGreaterThan(5);
    assertThat(logs.get(0).get("depth").asInt()).isEqualTo(1);
    JsonNode sstore = null;
    for (JsonNode s : logs) if (s.get("op").asText().equals("SSTORE")) sstore = s;
    assertThat(sstore).isNotNull();
    assertThat(sstore.get("storage").get("0".repeat(63) + "1").asText())
        .isEqualTo("0".repeat(62) + "2a");
    // the gas matches the receipt's
    long receiptGas =
        chain.store.receipts(chain.block2.header().hash()).orElseThrow().get(0).cumulativeGasUsed();
    assertThat(r.get("gas").asLong()).isEqualTo(receiptGas);
  }

  @Test
  void callTracerOfARevertAndBlockTraces() {
    JsonRpcProcessor p = processor(TraceLimits.DEFAULT);
    JsonNode r =
        call(
                p,
                "debug_traceTransaction",
                "[" + q(chain.revertCall.hash()) + ",{\"tracer\":\"callTracer\"}]")
            .get("result");
    assertThat(r.get("error").asText()).isEqualTo("execution reverted");
    assertThat(r.get("revertReason").asText()).isEqualTo("nope");
    JsonNode byNumber =
        call(p, "debug_traceBlockByNumber", "[\"0x2\",{\"tracer\":\"callTracer\"}]").get("result");
    assertThat(byNumber.size()).isEqualTo(2);
    assertThat(byNumber.get(0).get("txHash").asText()).isEqualTo(chain.logCall.hash().toString());
    assertThat(byNumber.get(1).get("result")).isEqualTo(r);
    JsonNode byHash =
        call(p, "debug_traceBlockByHash", "[" + q(chain.block2.header().hash()) + "]")
            .get("result");
    assertThat(byHash.get(0).get("result").get("structLogs").size()).isPositive();
  }

  @Test
  void traceCallRunsOnTheLatestState() {
    JsonNode r =
        call(
                processor(TraceLimits.DEFAULT),
                "debug_traceCall",
                "[{\"to\":"
                    + q(TestChain.CONTRACT.toHex())
                    + "},\"latest\",{\"tracer\":\"prestateTracer\"}]")
            .get("result");
    assertThat(r.get(TestChain.CONTRACT.toHex()).get("code").asText()).startsWith("0x");
  }

  @Test
  void aTracedCallKeepsItsAccessListAsEthCallDoes() {
    String to = "0x00000000000000000000000000000000000000ab";
    JsonNode r =
        call(
            processor(TraceLimits.DEFAULT),
            "debug_traceCall",
            "[{\"to\":"
                + q(to)
                + ",\"accessList\":[{\"address\":"
                + q(to)
                + ",\"storageKeys\":[]}]},\"latest\"]");
    assertThat(r.has("result")).as(r.toString()).isTrue();
    r = r.get("result");
    // 21000 for the transfer and 2400 for the access list's address (EIP-2930)
    assertThat(r.get("gas").asLong()).isEqualTo(23_400);
  }

  @Test
  void limitsAndUnknownTracersGiveClearErrors() {
    TraceLimits tight =
        new TraceLimits(3, 1 << 20, 1, Duration.ofSeconds(5), Duration.ofSeconds(30));
    JsonRpcProcessor p = processor(tight);
    JsonNode steps =
        call(p, "debug_traceTransaction", "[" + q(chain.logCall.hash()) + "]").get("error");
    assertThat(steps.get("code").asInt()).isEqualTo(-32000);
    assertThat(steps.get("message").asText()).contains("limit of 3 struct log steps");
    JsonNode block = call(p, "debug_traceBlockByNumber", "[\"0x2\"]").get("error");
    assertThat(block.get("code").asInt()).isEqualTo(-32000);
    assertThat(block.get("message").asText()).contains("more than the trace limit of 1");
    JsonNode unknown =
        call(
                p,
                "debug_traceTransaction",
                "[" + q(chain.logCall.hash()) + ",{\"tracer\":\"fooTracer\"}]")
            .get("error");
    assertThat(unknown.get("code").asInt()).isEqualTo(-32602);
    assertThat(unknown.get("message").asText()).contains("\"fooTracer\" is not supported");
    // A trace costs a client's rate far more than a lookup.
    assertThat(MethodCosts.DEFAULT.of(JSON.createObjectNode().put("method", "debug_traceCall")))
        .isEqualTo(200);
    JsonNode missing =
        call(p, "debug_traceTransaction", "[" + q("0x" + "00".repeat(32)) + "]").get("error");
    assertThat(missing.get("message").asText()).isEqualTo("transaction not found");
  }
}

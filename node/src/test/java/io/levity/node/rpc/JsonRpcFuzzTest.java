package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * Fuzz target for JSON-RPC request parsing (docs/security.md, Fuzzing): any request body, single or
 * batch, goes through {@link JsonRpcProcessor#handle} without sockets into methods that parse their
 * parameters with every {@link Params} reader and {@link LogFilter#parse}. The processor never
 * throws and answers valid JSON (or nothing, for notifications); a parameter that does not parse is
 * an invalid-params error, never an internal error (which would mean an undeclared exception
 * escaped the parser). Seeds: {@code JsonRpcFuzzTestInputs/handle}.
 */
class JsonRpcFuzzTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final JsonRpcProcessor processor =
      new JsonRpcProcessor(100)
          .register("t_address", p -> JSON.textNode(p.address(0).toString()))
          .register("t_hash", p -> JSON.textNode(p.hash(0).toString()))
          .register("t_data", p -> JSON.textNode(p.data(0).toString()))
          .register(
              "t_quantity",
              p -> JSON.textNode(Params.quantity(Params.parseQuantity(p.string(0), "quantity"))))
          .register(
              "t_long",
              p -> JSON.textNode(Params.quantity(Params.parseLongQuantity(p.string(0), "long"))))
          .register("t_bool", p -> JSON.booleanNode(p.bool(0, false)))
          .register("t_filter", p -> JSON.textNode(LogFilter.parse(p.node(0)).toString()));

  @FuzzTest
  void handle(byte[] body) throws IOException {
    byte[] response = processor.handle(body);
    if (response == null) return; // notifications only
    JsonNode answer = processor.json().readTree(response);
    if (answer.isArray()) {
      for (JsonNode one : answer) assertNotInternal(one);
    } else {
      assertNotInternal(answer);
    }
  }

  private static void assertNotInternal(JsonNode response) {
    assertThat(response.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(response.path("error").path("code").asInt())
        .as("response %s", response)
        .isNotEqualTo(RpcException.INTERNAL_ERROR);
  }
}

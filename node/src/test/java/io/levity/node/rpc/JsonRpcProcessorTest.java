package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.testing.RpcCalls;
import org.junit.jupiter.api.Test;

class JsonRpcProcessorTest {
  @Test
  void internalErrorsAreAnsweredWithoutTheExceptionText() {
    JsonRpcProcessor p =
        new JsonRpcProcessor(10)
            .register(
                "boom",
                params -> {
                  throw new IllegalStateException("secret at /home/operator/keys");
                });
    JsonNode r = RpcCalls.call(p::handle, "boom", "[]");
    assertThat(r.get("error").get("code").asInt()).isEqualTo(RpcException.INTERNAL_ERROR);
    assertThat(r.get("error").get("message").asText())
        .isEqualTo("internal error")
        .doesNotContain("secret");
  }
}

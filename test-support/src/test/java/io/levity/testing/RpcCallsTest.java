package io.levity.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcCallsTest {
  @Test
  void callsAnInProcessHandlerWithAJsonRpcRequestAndParsesTheAnswer() {
    List<String> seen = new ArrayList<>();
    JsonNode answer =
        RpcCalls.call(
            body -> {
              seen.add(new String(body, StandardCharsets.UTF_8));
              return "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x539\"}"
                  .getBytes(StandardCharsets.UTF_8);
            },
            "eth_chainId",
            "[]");
    assertThat(seen)
        .containsExactly("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}");
    assertThat(answer.get("result").asText()).isEqualTo("0x539");
  }

  @Test
  void refusesAnAnswerThatIsNotJson() {
    assertThatThrownBy(() -> RpcCalls.parse("{oops")).isInstanceOf(UncheckedIOException.class);
  }
}

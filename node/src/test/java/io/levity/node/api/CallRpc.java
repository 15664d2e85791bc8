package io.levity.node.api;

import static io.levity.node.api.TestChain.CHAIN_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.node.rpc.JsonRpcProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * JSON-RPC over a {@link TestChain} for the call, override, simulation and access list tests, with
 * small hand-assembled probe contracts.
 */
final class CallRpc {
  static final ObjectMapper JSON = new ObjectMapper();

  final TestChain chain = new TestChain();
  private final JsonRpcProcessor rpc;

  CallRpc() {
    this(EthApi.Config.DEFAULT);
  }

  CallRpc(EthApi.Config config) {
    rpc = new JsonRpcProcessor(100);
    new EthApi(
            new StoreChainView(CHAIN_ID, chain.store, chain.mempool, () -> 3),
            config,
            (tx, raw) -> {})
        .register(rpc);
  }

  JsonNode response(String method, String params) {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    try {
      return JSON.readTree(rpc.handle(body.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode result(String method, String params) {
    JsonNode r = response(method, params);
    assertThat(r.has("error")).as("%s error %s", method, r.get("error")).isFalse();
    return r.get("result");
  }

  JsonNode error(String method, String params) {
    JsonNode r = response(method, params);
    assertThat(r.has("error")).as("%s should fail, got %s", method, r).isTrue();
    return r.get("error");
  }

  static String q(String s) {
    return "\"" + s + "\"";
  }

  static String q(Address a) {
    return q(a.toHex());
  }

  static long num(JsonNode n) {
    return Long.decode(n.asText());
  }

  /** Code that computes one word with {@code snippet} (hex) and returns it. */
  static String returning(String snippet) {
    return "0x" + snippet + "5f52" + "60205ff3";
  }

  /** Code that pushes the value of a block opcode and returns it. */
  static String returningOp(int opcode) {
    return returning(String.format("%02x", opcode));
  }

  /** PUSH20 address. */
  static String push(Address a) {
    return "73" + HexFormat.of().formatHex(a.toArray());
  }

  /** A word as a hex string of 64 digits. */
  static String word(long v) {
    return String.format("0x%064x", v);
  }

  /** A word holding an address. */
  static String word(Address a) {
    return "0x" + "00".repeat(12) + HexFormat.of().formatHex(a.toArray());
  }

  static Bytes bytes(String hex) {
    return Bytes.fromHex(hex);
  }
}

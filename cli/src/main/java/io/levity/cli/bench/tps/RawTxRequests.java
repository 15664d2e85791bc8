package io.levity.cli.bench.tps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcProtocolException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The eth_sendRawTransaction requests of one lane and their answers: one transaction as a single
 * JSON-RPC call, several as a batch (a JSON array, ids {@code firstId, firstId+1, ...}); each
 * answer becomes one {@link SenderLane.Answer}, in request order. An answer for the whole request
 * (an HTTP error, a single error object for a batch, a body that is not JSON-RPC) is given to every
 * transaction. Pure functions of the bytes, so they are tested without a node.
 */
final class RawTxRequests {
  static final String METHOD = "eth_sendRawTransaction";
  private static final ObjectMapper JSON = new ObjectMapper();

  private RawTxRequests() {}

  /** The request body for {@code raws} (a batch when there are several). */
  static byte[] body(List<Bytes> raws, long firstId) {
    if (raws.isEmpty()) throw new IllegalArgumentException("no transactions to send");
    StringBuilder b = new StringBuilder(raws.size() * (raws.get(0).size() * 2 + 80));
    if (raws.size() > 1) b.append('[');
    for (int i = 0; i < raws.size(); i++) {
      if (i > 0) b.append(',');
      b.append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(firstId + i)
          .append(",\"method\":\"" + METHOD + "\",\"params\":[\"")
          .append(raws.get(i).toHex())
          .append("\"]}");
    }
    if (raws.size() > 1) b.append(']');
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The answers to a request of {@code count} transactions with ids from {@code firstId}. */
  static List<SenderLane.Answer> answers(int httpStatus, byte[] body, long firstId, int count) {
    JsonNode json = objectOrArray(body);
    if (json == null) {
      String what = "not a JSON-RPC answer (HTTP " + httpStatus + ", " + body.length + " bytes)";
      return all(count, new RpcProtocolException(METHOD, httpStatus, what));
    }
    if (json.isObject()) {
      boolean error = json.hasNonNull("error");
      if (count > 1 && !error) {
        return all(
            count,
            new RpcProtocolException(METHOD, httpStatus, "a batch was answered with one object"));
      }
      if (httpStatus != 200 && !error)
        return all(count, new RpcProtocolException(METHOD, httpStatus, "HTTP " + httpStatus));
      return Collections.nCopies(count, one(httpStatus, json)); // an error for the whole batch too
    }
    if (httpStatus != 200)
      return all(count, new RpcProtocolException(METHOD, httpStatus, "HTTP " + httpStatus));
    Map<Long, JsonNode> byId = new HashMap<>();
    for (JsonNode r : json) byId.put(r.path("id").asLong(-1), r);
    List<SenderLane.Answer> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      JsonNode r = byId.get(firstId + i);
      out.add(
          r == null
              ? SenderLane.Answer.failed(
                  new RpcProtocolException(
                      METHOD,
                      RpcProtocolException.NO_STATUS,
                      "batch answer lacks id " + (firstId + i)))
              : one(httpStatus, r));
    }
    return out;
  }

  /** The body as a JSON object or array; null if it is neither (empty, not JSON, a scalar). */
  private static JsonNode objectOrArray(byte[] body) {
    if (body.length == 0) return null;
    try {
      JsonNode json = JSON.readTree(body);
      return json != null && (json.isObject() || json.isArray()) ? json : null;
    } catch (IOException e) {
      return null; // said by the caller: not a JSON-RPC answer
    }
  }

  private static SenderLane.Answer one(int httpStatus, JsonNode reply) {
    JsonNode err = reply.get("error");
    if (err != null && !err.isNull()) {
      return SenderLane.Answer.failed(
          new RpcErrorException(
              METHOD,
              httpStatus,
              err.path("code").asInt(0),
              err.path("message").asText(err.toString()),
              err.get("data")));
    }
    String hash = reply.path("result").asText("");
    if (hash.length() != 66 || !hash.startsWith("0x")) {
      return SenderLane.Answer.failed(
          new RpcProtocolException(
              METHOD, httpStatus, "result is not a transaction hash: " + hash));
    }
    try {
      return SenderLane.Answer.accepted(Bytes32.fromHex32(hash));
    } catch (IllegalArgumentException e) {
      return SenderLane.Answer.failed(
          new RpcProtocolException(
              METHOD, httpStatus, "result is not a transaction hash: " + hash));
    }
  }

  static List<SenderLane.Answer> all(int count, EthRpcException e) {
    return Collections.nCopies(count, SenderLane.Answer.failed(e));
  }
}

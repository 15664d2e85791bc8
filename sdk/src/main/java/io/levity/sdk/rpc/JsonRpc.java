package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JSON-RPC 2.0 client over HTTP/1.1 with keep-alive connections, safe to share between threads.
 * Every request is bounded by a timeout and every response by a size limit; failures are {@link
 * EthRpcException}s. Tuned for many small calls: HTTP/1.1 (no h2c upgrade, which plain JSON-RPC
 * servers do not expect) and responses completed on the client's own selector thread (no hand-off
 * to a pool: that thread switch cost about half of a loopback round trip on a 2-core machine).
 */
public final class JsonRpc implements RpcTransport {
  /** The default response limit, far above any single block or receipt page. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 16 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final Duration timeout;
  private final int maxResponseBytes;
  private final HttpClient http;
  private final AtomicLong ids = new AtomicLong();

  /** A client of the http(s) {@code endpoint}; {@code timeout} bounds connecting and each call. */
  public JsonRpc(URI endpoint, Duration timeout) {
    this(endpoint, timeout, DEFAULT_MAX_RESPONSE_BYTES);
  }

  public JsonRpc(URI endpoint, Duration timeout, int maxResponseBytes) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException(
          "JSON-RPC endpoint must be http:// or https://, got " + endpoint);
    }
    if (timeout.isNegative() || timeout.isZero())
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    if (maxResponseBytes < 1) throw new IllegalArgumentException("response limit must be positive");
    this.maxResponseBytes = maxResponseBytes;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(Runnable::run)
            .build();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A new JSON object, for call parameters such as a transaction call or a log filter. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public JsonNode call(String method, Object... params) {
    JsonNode reply = post(method, request(method, Arrays.asList(params)));
    if (!reply.isObject())
      throw new RpcProtocolException(method, 200, "a single call was answered with a batch");
    return result(method, 200, reply);
  }

  /** All calls go out in one HTTP request (a JSON-RPC batch). */
  @Override
  public List<JsonNode> batch(String method, List<? extends List<?>> paramsList) {
    if (paramsList.isEmpty()) return List.of();
    ArrayNode body = JsonNodeFactory.instance.arrayNode(paramsList.size());
    long[] order = new long[paramsList.size()];
    for (int i = 0; i < order.length; i++) {
      ObjectNode req = request(method, paramsList.get(i));
      order[i] = req.get("id").asLong();
      body.add(req);
    }
    JsonNode reply = post(method, body);
    if (!reply.isArray()) {
      result(method, 200, reply); // an error for the whole batch (such as a rate limit) throws here
      throw new RpcProtocolException(method, 200, "a batch was answered with a single object");
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    for (JsonNode r : reply) byId.put(r.path("id").asLong(-1), r);
    List<JsonNode> out = new ArrayList<>(order.length);
    for (long id : order) {
      JsonNode r = byId.get(id);
      if (r == null) throw new RpcProtocolException(method, 200, "batch reply lacks id " + id);
      out.add(result(method, 200, r));
    }
    return out;
  }

  private ObjectNode request(String method, List<?> params) {
    ObjectNode req =
        object().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
    req.set("params", JSON.valueToTree(params));
    return req;
  }

  private JsonNode post(String method, JsonNode request) {
    HttpResponse<byte[]> resp;
    try {
      HttpRequest req =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
              .build();
      resp = http.send(req, CappedBody.orNull(maxResponseBytes));
    } catch (IOException e) {
      throw new RpcTransportException(method, "no answer from " + endpoint + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcTransportException(method, "interrupted", e);
    }
    int status = resp.statusCode();
    byte[] body = resp.body();
    if (body == null) {
      throw new RpcProtocolException(
          method, status, "response over " + maxResponseBytes + " bytes from " + endpoint);
    }
    JsonNode json;
    try {
      json = body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      json = null;
    }
    if (json == null || (!json.isObject() && !json.isArray())) {
      throw new RpcProtocolException(
          method, status, "not a JSON-RPC answer (HTTP " + status + ", " + body.length + " bytes)");
    }
    if (status != 200) {
      if (json.isObject() && json.has("error")) result(method, status, json);
      throw new RpcProtocolException(method, status, "HTTP " + status + " from " + endpoint);
    }
    return json;
  }

  private static JsonNode result(String method, int status, JsonNode reply) {
    JsonNode err = reply.get("error");
    if (err != null && !err.isNull()) {
      throw new RpcErrorException(
          method,
          status,
          err.path("code").asInt(0),
          err.path("message").asText(err.toString()),
          err.get("data"));
    }
    JsonNode result = reply.get("result");
    if (result == null)
      throw new RpcProtocolException(method, status, "answer has neither result nor error");
    return result;
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}

package io.levity.storage.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal Ethereum JSON-RPC client over HTTP: one request per call, every call bounded by a
 * timeout and the response by {@link #MAX_RESPONSE_BYTES}. Thread-safe.
 */
public final class JsonRpcClient {
  /** Largest response read; the registry's pages stay far below it. */
  public static final int MAX_RESPONSE_BYTES = 16 << 20;

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();

  public JsonRpcClient(URI endpoint, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException(
          "JSON-RPC endpoint must be http(s)://..., got " + endpoint);
    }
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A new JSON object for call parameters. */
  public ObjectNode object() {
    return json.createObjectNode();
  }

  /**
   * Calls {@code method} with positional parameters (strings, booleans, numbers or JSON nodes) and
   * returns the {@code result} (possibly a JSON null).
   *
   * @throws JsonRpcException when the node answers with an error
   * @throws RegistryException when the endpoint cannot be reached or answers something that is not
   *     JSON-RPC
   */
  public JsonNode call(String method, Object... params) {
    ObjectNode req = json.createObjectNode();
    long id = ids.incrementAndGet();
    req.put("jsonrpc", "2.0").put("id", id).put("method", method);
    ArrayNode ps = req.putArray("params");
    for (Object p : params) ps.add(p instanceof JsonNode n ? n : json.valueToTree(p));
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(req.toString()))
            .build();
    JsonNode resp;
    try {
      HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      byte[] body;
      try (InputStream in = r.body()) {
        body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
      if (body.length > MAX_RESPONSE_BYTES)
        throw new RegistryException(method + ": response over " + MAX_RESPONSE_BYTES + " bytes");
      if (r.statusCode() != 200) {
        throw new RegistryException(method + ": HTTP " + r.statusCode() + " from " + endpoint);
      }
      resp = json.readTree(body);
    } catch (IOException e) {
      throw new RegistryException(
          method + ": JSON-RPC endpoint " + endpoint + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(method + ": interrupted", e);
    }
    if (resp == null || !resp.isObject())
      throw new RegistryException(method + ": response is not a JSON object");
    JsonNode error = resp.get("error");
    if (error != null && !error.isNull()) {
      JsonNode data = error.get("data");
      throw new JsonRpcException(
          method,
          error.path("code").asInt(),
          error.path("message").asText(),
          data == null || data.isNull()
              ? null
              : data.isTextual() ? data.asText() : data.toString());
    }
    if (!resp.has("result"))
      throw new RegistryException(method + ": response has neither result nor error");
    return resp.get("result");
  }
}

package io.levity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Calling a JSON-RPC 2.0 method of a node in a test and reading the answer as JSON: in-process
 * through the node's request handler, or over HTTP. Parameters are given as the JSON text of the
 * params array, for example {@code "[\"0xab\", \"latest\"]"}.
 */
public final class RpcCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  private RpcCalls() {}

  /** The request body of a call with id 1. */
  public static String request(String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
  }

  /** Parses a JSON text (an answer, a notification) or fails the test. */
  public static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  /**
   * Calls a method through an in-process handler (request bytes to response bytes, like a node's
   * {@code JsonRpcProcessor::handle}); returns the whole response object.
   */
  public static JsonNode call(UnaryOperator<byte[]> handler, String method, String params) {
    byte[] response = handler.apply(request(method, params).getBytes(StandardCharsets.UTF_8));
    return parse(new String(response, StandardCharsets.UTF_8));
  }

  /** POSTs a JSON body to a JSON-RPC HTTP endpoint; returns the raw response. */
  public static HttpResponse<String> post(HttpClient client, URI url, String body)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(url)
            .timeout(HTTP_TIMEOUT)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Calls a method over HTTP; returns the whole response object. */
  public static JsonNode call(HttpClient client, URI url, String method, String params)
      throws IOException, InterruptedException {
    return parse(post(client, url, request(method, params)).body());
  }
}

package io.levity.inft.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The oracle's HTTP API from the JDK's HttpClient. A refusal comes back as the {@link
 * OracleException} the oracle raised (its code and message); an unreachable oracle as an {@code
 * OracleException} with {@link OracleError#INTERNAL} saying where it looked.
 */
public final class OracleClient {
  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public OracleClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI base() {
    return base;
  }

  public OracleResponses.Info info() {
    return OracleJson.info(send("/v1/info", null));
  }

  public OracleResponses.Stored store(OracleRequest r) {
    return OracleJson.stored(send("/v1/store", r));
  }

  public OracleResponses.Transfer transfer(OracleRequest r) {
    return OracleJson.transfer(send("/v1/transfer", r));
  }

  public OracleResponses.Keys open(OracleRequest r) {
    return OracleJson.keys(send("/v1/open", r));
  }

  public OracleResponses.Usage use(OracleRequest r) {
    return OracleJson.usage(send("/v1/use", r));
  }

  public OracleResponses.Execution execute(OracleRequest r) {
    return OracleJson.execution(send("/v1/execute", r));
  }

  private JsonNode send(String path, OracleRequest r) {
    URI uri = base.resolve(path);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    if (r == null) b.GET();
    else
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(OracleJson.request(r).toString()));
    HttpResponse<String> res;
    try {
      res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OracleException(
          OracleError.INTERNAL, "cannot reach the oracle at " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OracleException(OracleError.INTERNAL, "interrupted waiting for " + uri, e);
    }
    JsonNode body;
    try {
      body = OracleJson.JSON.readTree(res.body());
    } catch (IOException e) {
      throw new OracleException(
          OracleError.INTERNAL,
          "the oracle at " + uri + " answered " + res.statusCode() + " with no JSON");
    }
    if (res.statusCode() != 200) {
      OracleError error;
      try {
        error = OracleError.valueOf(body.path("error").asText());
      } catch (IllegalArgumentException e) {
        error = OracleError.INTERNAL;
      }
      throw new OracleException(error, body.path("message").asText("HTTP " + res.statusCode()));
    }
    return body;
  }
}

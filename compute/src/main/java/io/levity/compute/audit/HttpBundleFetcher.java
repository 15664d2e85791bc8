package io.levity.compute.audit;

import io.levity.compute.inference.BatchBundle;
import io.levity.compute.serving.InferenceApi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Fetches bundles over HTTP at {@code GET /levity/v1/batches/{id}} next to the provider's
 * registered OpenAI base URL (which ends in {@code /v1}).
 */
public final class HttpBundleFetcher implements BundleFetcher {
  /** The largest bundle read by default: a provider's answer is not a reason to run out of heap. */
  public static final int DEFAULT_MAX_BYTES = 256 << 20;

  private final HttpClient http;
  private final Duration timeout;
  private final int maxBytes;

  public HttpBundleFetcher(Duration timeout) {
    this(timeout, DEFAULT_MAX_BYTES);
  }

  /** Reads at most {@code maxBytes} of a bundle; a larger one is refused as not a bundle. */
  public HttpBundleFetcher(Duration timeout, int maxBytes) {
    if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.timeout = timeout;
    this.maxBytes = maxBytes;
  }

  /** The bundle URL for a provider's registered endpoint. */
  public static URI url(String endpoint, long batchId) {
    String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    if (base.endsWith("/v1")) base = base.substring(0, base.length() - 3);
    return URI.create(base + InferenceApi.BATCHES + batchId);
  }

  @Override
  public BatchBundle fetch(String endpoint, long batchId) {
    URI url;
    try {
      url = url(endpoint, batchId);
    } catch (IllegalArgumentException e) {
      throw new AuditException("the registered endpoint '" + endpoint + "' is not a URL", e);
    }
    byte[] body;
    try {
      HttpResponse<InputStream> r =
          http.send(
              HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        if (r.statusCode() != 200)
          throw new AuditException(url + " answered HTTP " + r.statusCode());
        body = in.readNBytes(maxBytes + 1);
      }
    } catch (IOException e) {
      throw new AuditException("cannot reach " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditException("interrupted fetching " + url, e);
    }
    if (body.length > maxBytes)
      throw new AuditException(url + " served a bundle larger than " + maxBytes + " bytes");
    try {
      return BatchBundle.fromBytes(body);
    } catch (IllegalArgumentException e) {
      throw new AuditException(url + " served no valid bundle: " + e.getMessage(), e);
    }
  }
}

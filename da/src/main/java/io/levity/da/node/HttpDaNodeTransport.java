package io.levity.da.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@link DaNodeTransport} over HTTP ({@link DaNodeRoutes}, {@link DaWire}) with {@code
 * java.net.http}: connect and request timeouts, answers read up to a cap (a node cannot fill the
 * client's heap), and every failure a {@link DaNodeException} naming the endpoint, the route and
 * the node's status and error text.
 */
public final class HttpDaNodeTransport implements DaNodeTransport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final long maxBlob;

  /**
   * With these timeouts, answers capped at {@code maxResponseBytes}, headers read up to {@code
   * maxBlob}.
   */
  public HttpDaNodeTransport(
      Duration connectTimeout, Duration requestTimeout, long maxResponseBytes, long maxBlob) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .build();
    this.requestTimeout = requestTimeout;
    this.maxResponseBytes = maxResponseBytes;
    this.maxBlob = maxBlob;
  }

  /** 5 s to connect, 60 s per request, answers up to 64 MiB, 16 MiB blobs. */
  public static HttpDaNodeTransport defaults() {
    return new HttpDaNodeTransport(
        Duration.ofSeconds(5), Duration.ofSeconds(60), 64L << 20, 16L << 20);
  }

  @Override
  public BlsSignature store(String endpoint, StoreRequest request) throws DaNodeException {
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.ofByteArray(DaWire.encodeStore(request));
    byte[] answer =
        call(
            endpoint,
            DaNodeRoutes.STORE,
            request(endpoint, DaNodeRoutes.STORE)
                .header("Content-Type", DaNodeRoutes.BINARY)
                .POST(body));
    try {
      JsonNode n = JSON.readTree(new String(answer, StandardCharsets.UTF_8));
      return new BlsSignature(Bytes.fromHex(n.path("signature").asText()));
    } catch (IOException | IllegalArgumentException e) {
      throw new DaNodeException(
          200, endpoint + DaNodeRoutes.STORE + " answered without a signature: " + e, e);
    }
  }

  @Override
  public BlobHeader header(String endpoint, Bytes32 blobId) throws DaNodeException {
    String path = DaNodeRoutes.BLOBS + blobId.toHex() + "/header";
    byte[] answer = call(endpoint, path, request(endpoint, path).GET());
    try {
      return BlobHeader.decode(answer, maxBlob);
    } catch (IllegalArgumentException e) {
      throw new DaNodeException(200, endpoint + path + " sent a bad header: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Cell> cells(String endpoint, Bytes32 blobId, List<CellId> ids)
      throws DaNodeException {
    String path = DaNodeRoutes.BLOBS + blobId.toHex() + "/cells?ids=" + DaWire.formatIds(ids);
    byte[] answer = call(endpoint, path, request(endpoint, path).GET());
    try {
      return DaWire.decodeCells(answer);
    } catch (IllegalArgumentException e) {
      throw new DaNodeException(200, endpoint + path + " sent bad cells: " + e.getMessage(), e);
    }
  }

  private HttpRequest.Builder request(String endpoint, String path) throws DaNodeException {
    try {
      return HttpRequest.newBuilder(URI.create(base(endpoint) + path)).timeout(requestTimeout);
    } catch (IllegalArgumentException e) {
      throw new DaNodeException(0, "'" + endpoint + "' is not a DA node URL: " + e.getMessage(), e);
    }
  }

  private static String base(String endpoint) {
    return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  private byte[] call(String endpoint, String path, HttpRequest.Builder request)
      throws DaNodeException {
    String where = base(endpoint) + path;
    HttpResponse<InputStream> res;
    try {
      res = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new DaNodeException(0, where + " did not answer within the timeout: " + e, e);
    } catch (IOException e) {
      throw new DaNodeException(0, where + " could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaNodeException(0, where + ": interrupted", e);
    }
    byte[] body;
    try (InputStream in = res.body()) {
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
    } catch (IOException e) {
      throw new DaNodeException(res.statusCode(), where + ": answer cut off: " + e, e);
    }
    if (body.length > maxResponseBytes) {
      throw new DaNodeException(
          res.statusCode(), where + " answered more than " + maxResponseBytes + " bytes", null);
    }
    if (res.statusCode() != 200) {
      throw new DaNodeException(
          res.statusCode(), where + " answered " + res.statusCode() + ": " + error(body), null);
    }
    return body;
  }

  private static String error(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode n = JSON.readTree(text);
      if (n != null && n.hasNonNull("error")) return n.get("error").asText();
    } catch (IOException e) {
      // not JSON (the aggregator's own 413, a proxy's page): show the text
    }
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}

package io.levity.compute.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * A dishonest provider for attack tests: it forwards each request, headers and all, to an honest
 * provider and rewrites the JSON of the answer (a plain answer's body, or a stream's receipt event)
 * with {@link #tamper} before returning it.
 */
final class TamperingRelay implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SIGNED = {
    "X-Levity-User", "X-Levity-Nonce", "X-Levity-Max-Fee", "X-Levity-Deadline", "X-Levity-Signature"
  };

  volatile UnaryOperator<ObjectNode> tamper = UnaryOperator.identity();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  TamperingRelay(URI upstream) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        x -> {
          try (x) {
            byte[] body = x.getRequestBody().readAllBytes();
            HttpRequest.Builder q =
                HttpRequest.newBuilder(upstream.resolve(x.getRequestURI().getPath()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : SIGNED) q.header(h, x.getRequestHeaders().getFirst(h));
            HttpResponse<String> r = http.send(q.build(), HttpResponse.BodyHandlers.ofString());
            String out = r.body();
            boolean stream = out.startsWith("data:");
            out = stream ? tamperStream(out) : tamperOne(out);
            byte[] bytes = out.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders()
                .set("Content-Type", stream ? "text/event-stream" : "application/json");
            x.sendResponseHeaders(r.statusCode(), bytes.length);
            try (OutputStream o = x.getResponseBody()) {
              o.write(bytes);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
  }

  private String tamperOne(String json) throws IOException {
    ObjectNode o = (ObjectNode) JSON.readTree(json);
    return o.has("levity") ? tamper.apply(o).toString() : json;
  }

  private String tamperStream(String sse) throws IOException {
    StringBuilder b = new StringBuilder();
    for (String event : sse.split("\n\n", -1)) {
      if (event.isEmpty()) continue;
      String data = event.substring("data: ".length());
      if (data.contains("\"levity\"")) data = tamperOne(data);
      b.append("data: ").append(data).append("\n\n");
    }
    return b.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    http.close();
  }
}

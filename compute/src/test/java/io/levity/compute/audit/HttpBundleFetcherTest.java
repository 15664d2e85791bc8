package io.levity.compute.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A provider's bundle endpoint is outside input to an auditor: an endless or oversized answer is
 * refused at the cap instead of read into the heap, and a refusal says which URL and why.
 */
class HttpBundleFetcherTest {
  HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/levity/v1/batches/",
        x -> {
          byte[] chunk = new byte[64 << 10];
          Arrays.fill(chunk, (byte) '{');
          x.sendResponseHeaders(200, 0); // chunked: no length announced
          try (OutputStream out = x.getResponseBody()) {
            for (int i = 0; i < 64; i++) out.write(chunk); // 4 MiB
          } catch (IOException closedByTheAuditor) {
            // the fetcher stops reading at its cap
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Test
  void aBundleOverTheCapIsRefusedNotReadWhole() {
    HttpBundleFetcher fetcher = new HttpBundleFetcher(Duration.ofSeconds(10), 1 << 20);
    assertThatThrownBy(() -> fetcher.fetch(endpoint(), 1))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("larger than 1048576 bytes");
  }

  @Test
  void aBundleUnderTheCapThatIsNotABundleSaysSo() {
    HttpBundleFetcher fetcher = new HttpBundleFetcher(Duration.ofSeconds(10), 8 << 20);
    assertThatThrownBy(() -> fetcher.fetch(endpoint(), 1))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("served no valid bundle");
  }
}

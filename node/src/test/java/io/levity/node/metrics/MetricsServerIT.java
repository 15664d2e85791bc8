package io.levity.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsServerIT {
  @Test
  void servesPrometheusText() throws Exception {
    NodeMetrics m = new NodeMetrics();
    AtomicLong height = new AtomicLong(7);
    m.gauge("levity_chain_height", "Number of the head block.", height::get);
    NodeMetrics.Counter txs =
        m.counter("levity_committed_transactions_total", "Transactions in committed blocks.");
    NodeMetrics.Summary interval =
        m.summary("levity_block_interval_seconds", "Wall time between commits.");
    m.gauge(
        "levity_broken",
        "A gauge that fails.",
        () -> {
          throw new IllegalStateException("x");
        });
    txs.add(3);
    interval.observe(0.5);
    interval.observe(1.5);
    assertThatThrownBy(() -> m.counter("levity_chain_height", "dup")).hasMessageContaining("twice");
    assertThatThrownBy(() -> txs.add(-1)).isInstanceOf(IllegalArgumentException.class);
    try (MetricsServer server = new MetricsServer(m)) {
      int port = server.start("127.0.0.1", 0);
      HttpClient http = HttpClient.newHttpClient();
      height.set(9);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      assertThat(r.body())
          .contains("# TYPE levity_chain_height gauge\nlevity_chain_height 9\n")
          .contains(
              "# TYPE levity_committed_transactions_total counter\nlevity_committed_transactions_total 3\n")
          .contains(
              "levity_block_interval_seconds_sum 2.0\nlevity_block_interval_seconds_count 2\n")
          .contains("# levity_broken unavailable");
      assertThat(
              http.send(
                      HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/other"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(404);
    }
  }
}

package io.levity.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceMarketContract;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The measurements of {@code levity bench compute}: timed request loops and a batch's gas. */
final class ComputeBenchRuns {
  static final ObjectMapper JSON = new ObjectMapper();

  private ComputeBenchRuns() {}

  /** One request; returns the output tokens it was billed for. */
  @FunctionalInterface
  interface Request {
    long send(int i) throws IOException, InterruptedException;
  }

  /** What one path measured. */
  record Timing(
      String path,
      int requests,
      long tokens,
      long elapsedNanos,
      double p50Millis,
      double p99Millis) {
    double requestsPerSecond() {
      return requests / (elapsedNanos / 1e9);
    }

    double tokensPerSecond() {
      return tokens / (elapsedNanos / 1e9);
    }
  }

  private static double percentileMillis(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
  }

  /**
   * Sends {@code n} requests on each path, alternating (a, b, a, b...), so that both see the same
   * background load on a shared machine; each path's time is the sum of its own latencies.
   */
  static List<Timing> interleaved(int n, List<String> paths, List<Request> requests)
      throws IOException, InterruptedException {
    int k = requests.size();
    long[][] lat = new long[k][n];
    long[] tokens = new long[k];
    for (int i = 0; i < n; i++)
      for (int j = 0; j < k; j++) {
        long t0 = System.nanoTime();
        tokens[j] += requests.get(j).send(i);
        lat[j][i] = System.nanoTime() - t0;
      }
    List<Timing> out = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      long total = 0;
      for (long l : lat[j]) total += l;
      Arrays.sort(lat[j]);
      out.add(
          new Timing(
              paths.get(j),
              n,
              tokens[j],
              total,
              percentileMillis(lat[j], 0.5),
              percentileMillis(lat[j], 0.99)));
    }
    return out;
  }

  /** A plain chat request through an OpenAI-compatible endpoint with no signing (the proxy). */
  static long viaProxy(HttpClient http, URI base, byte[] body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200)
      throw new IOException("the proxy answered " + r.statusCode() + ": " + r.body());
    JsonNode n = JSON.readTree(r.body());
    return n.path("usage").path("completion_tokens").asLong();
  }

  /**
   * The gas of the submitBatch transaction mined after block {@code after}: the receipt carrying
   * the market's BatchSubmitted event.
   */
  static Optional<Long> submitGas(EthRpc rpc, InferenceMarketClient market, long after) {
    long latest = rpc.blockNumber();
    Bytes32 topic = InferenceMarketContract.BATCH_SUBMITTED.topic();
    for (Optional<EthBlock> b : rpc.getBlocksByNumber(after + 1, latest)) {
      if (b.isEmpty()) continue;
      for (Optional<TxReceipt> r : rpc.getTransactionReceipts(b.get().transactionHashes())) {
        if (r.isEmpty()) continue;
        for (EthLog log : r.get().logs())
          if (log.address().equals(market.address())
              && !log.topics().isEmpty()
              && log.topics().get(0).equals(topic)) return Optional.of(r.get().gasUsed());
      }
    }
    return Optional.empty();
  }
}

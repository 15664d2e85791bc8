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
import java.util.Arrays;
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

  /** Runs {@code warmup} untimed requests, then {@code n} timed ones, one after another. */
  static Timing time(String path, int warmup, int n, Request r)
      throws IOException, InterruptedException {
    for (int i = 0; i < warmup; i++) r.send(-1 - i);
    if (n == 0) return new Timing(path, 0, 0, 1, 0, 0);
    long[] lat = new long[n];
    long tokens = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      tokens += r.send(i);
      lat[i] = System.nanoTime() - t0;
    }
    long elapsed = System.nanoTime() - start;
    Arrays.sort(lat);
    return new Timing(
        path, n, tokens, elapsed, percentileMillis(lat, 0.5), percentileMillis(lat, 0.99));
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

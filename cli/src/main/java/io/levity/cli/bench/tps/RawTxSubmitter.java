package io.levity.cli.bench.tps;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.rpc.CappedBody;
import io.levity.sdk.rpc.RpcProtocolException;
import io.levity.sdk.rpc.RpcTransportException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A lane's {@link SenderLane.Submitter} over HTTP/1.1 with the JDK client: one POST per request
 * ({@link RawTxRequests}), on a keep-alive connection of its own client, completed on the calling
 * thread. No answer (connection refused or reset, timeout) is a transport failure for every
 * transaction of the request.
 */
final class RawTxSubmitter implements SenderLane.Submitter {
  private static final int MAX_ANSWER_BYTES = 4 << 20;

  private final URI endpoint;
  private final Duration timeout;
  private final HttpClient http;
  private long nextId = 1;

  RawTxSubmitter(URI endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .executor(Runnable::run)
            .build();
  }

  @Override
  public List<SenderLane.Answer> submit(List<Bytes> raws) {
    long firstId = nextId;
    nextId += raws.size();
    HttpRequest req =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(RawTxRequests.body(raws, firstId)))
            .build();
    HttpResponse<byte[]> resp;
    try {
      resp = http.send(req, CappedBody.orNull(MAX_ANSWER_BYTES));
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return RawTxRequests.all(
          raws.size(),
          new RpcTransportException(
              RawTxRequests.METHOD, "no answer from " + endpoint + ": " + why, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RawTxRequests.all(
          raws.size(), new RpcTransportException(RawTxRequests.METHOD, "interrupted", e));
    }
    if (resp.body() == null) {
      return RawTxRequests.all(
          raws.size(),
          new RpcProtocolException(
              RawTxRequests.METHOD,
              resp.statusCode(),
              "answer over " + MAX_ANSWER_BYTES + " bytes"));
    }
    return RawTxRequests.answers(resp.statusCode(), resp.body(), firstId, raws.size());
  }
}

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
 * A lane's {@link SenderLane.Submitter} over HTTP/1.1: one POST per request ({@link RawTxRequests})
 * on a keep-alive connection, either the JDK client's or a plain socket of the lane's own ({@link
 * HttpConnection}, cheaper per call). No answer (connection refused or reset, timeout) is a
 * transport failure for every transaction of the request.
 */
final class RawTxSubmitter implements SenderLane.Submitter, AutoCloseable {
  /** The HTTP client the senders use. */
  enum Http {
    /** java.net.http.HttpClient, one per sender. */
    jdk,
    /** One plain socket per sender, written and read on the sender's thread. */
    plain
  }

  /** One POST: the answer, or an IOException when none came. */
  @FunctionalInterface
  interface Poster {
    HttpConnection.Response post(byte[] body) throws IOException, InterruptedException;
  }

  static final int MAX_ANSWER_BYTES = 4 << 20;

  private final URI endpoint;
  private final Poster poster;
  private final Runnable closer;
  private long nextId = 1;

  /** {@code closer} releases the connection once the lane is done. */
  RawTxSubmitter(URI endpoint, Poster poster, Runnable closer) {
    this.endpoint = endpoint;
    this.poster = poster;
    this.closer = closer;
  }

  /** A submitter to {@code endpoint} over {@code http}; {@code timeout} bounds each request. */
  static RawTxSubmitter of(Http http, URI endpoint, Duration timeout) {
    return switch (http) {
      case plain -> {
        HttpConnection c = new HttpConnection(endpoint, timeout, MAX_ANSWER_BYTES);
        yield new RawTxSubmitter(endpoint, c::post, c::close);
      }
      case jdk -> {
        HttpClient client =
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(Runnable::run)
                .build();
        yield new RawTxSubmitter(endpoint, jdk(client, endpoint, timeout), client::shutdownNow);
      }
    };
  }

  private static Poster jdk(HttpClient client, URI endpoint, Duration timeout) {
    return body -> {
      HttpRequest req =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<byte[]> resp = client.send(req, CappedBody.orNull(MAX_ANSWER_BYTES));
      if (resp.body() == null) throw new IOException("answer over " + MAX_ANSWER_BYTES + " bytes");
      return new HttpConnection.Response(resp.statusCode(), resp.body());
    };
  }

  @Override
  public List<SenderLane.Answer> submit(List<Bytes> raws) {
    long firstId = nextId;
    nextId += raws.size();
    HttpConnection.Response resp;
    try {
      resp = poster.post(RawTxRequests.body(raws, firstId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return RawTxRequests.all(
          raws.size(), new RpcTransportException(RawTxRequests.METHOD, describe(e), e));
    } catch (IOException e) {
      return RawTxRequests.all(
          raws.size(),
          new RpcTransportException(
              RawTxRequests.METHOD, "no answer from " + endpoint + ": " + describe(e), e));
    } catch (NumberFormatException e) {
      return RawTxRequests.all(
          raws.size(),
          new RpcProtocolException(
              RawTxRequests.METHOD, RpcProtocolException.NO_STATUS, "bad HTTP answer: " + e));
    }
    return RawTxRequests.answers(resp.status(), resp.body(), firstId, raws.size());
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    closer.run();
  }
}

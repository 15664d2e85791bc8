package io.levity.cli.bench.tps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plain HTTP/1.1 connection against a scripted loopback server: keep-alive with Content-Length,
 * chunked answers, Connection: close, a server that drops an idle connection, and one that never
 * answers.
 */
class HttpConnectionIT {
  /** What the server does with each request it reads, in order. */
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private final List<String> bodies = new ArrayList<>();
  private final List<Integer> connections = new ArrayList<>();
  private final ServerSocket server;
  private final Thread serving;

  HttpConnectionIT() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    serving = Thread.ofPlatform().daemon().start(this::serve);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    serving.interrupt();
  }

  private void serve() {
    int n = 0;
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        n++;
        InputStream in = s.getInputStream();
        while (true) {
          String head = readHead(in);
          if (head == null) break;
          int len = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
          String body = new String(in.readNBytes(len), StandardCharsets.UTF_8);
          synchronized (bodies) {
            bodies.add(body);
            connections.add(n);
          }
          String answer = answers.poll(10, TimeUnit.SECONDS);
          if (answer == null || answer.equals("DROP")) break;
          if (answer.equals("SILENT")) {
            Thread.sleep(2_000);
            break;
          }
          s.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
          s.getOutputStream().flush();
          if (answer.contains("Connection: close")) break;
        }
      } catch (IOException | InterruptedException e) {
        if (server.isClosed()) return;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      String s = b.toString(StandardCharsets.UTF_8);
      if (s.endsWith("\r\n\r\n")) return s;
    }
    return null;
  }

  private HttpConnection connection(Duration timeout) {
    return new HttpConnection(
        URI.create("http://127.0.0.1:" + server.getLocalPort()), timeout, 1 << 20);
  }

  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  private static String text(HttpConnection.Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsOneConnectionAndReadsLengthAndChunkedAnswers() throws IOException {
    answers.add(ok("{\"a\":1}"));
    answers.add(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"b\"\r\n3;x=y\r\n:2}\r\n0\r\n\r\n");
    answers.add("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
    try (HttpConnection c = connection(Duration.ofSeconds(5))) {
      assertThat(text(c.post("one".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{\"a\":1}");
      assertThat(text(c.post("two".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{\"b\":2}");
      HttpConnection.Response busy = c.post("three".getBytes(StandardCharsets.UTF_8));
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.body()).isEmpty();
    }
    assertThat(bodies).containsExactly("one", "two", "three");
    assertThat(connections).containsExactly(1, 1, 1);
  }

  @Test
  void connectsAgainAfterCloseOrADroppedConnection() throws IOException {
    answers.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}");
    answers.add("DROP"); // the server drops the connection without answering
    answers.add(ok("[]"));
    try (HttpConnection c = connection(Duration.ofSeconds(5))) {
      assertThat(text(c.post("a".getBytes(StandardCharsets.UTF_8)))).isEqualTo("{}");
      assertThatThrownBy(() -> c.post("b".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IOException.class);
      assertThat(text(c.post("b".getBytes(StandardCharsets.UTF_8)))).isEqualTo("[]");
    }
    assertThat(bodies).containsExactly("a", "b", "b");
    assertThat(connections).containsExactly(1, 2, 3);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() {
    answers.add("SILENT");
    try (HttpConnection c = connection(Duration.ofMillis(300))) {
      assertThatThrownBy(() -> c.post("x".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aSubmitterTurnsNoAnswerIntoAResendForEveryTransaction() {
    answers.add("DROP");
    RawTxSubmitter s =
        RawTxSubmitter.of(
            RawTxSubmitter.Http.plain,
            URI.create("http://127.0.0.1:" + server.getLocalPort()),
            Duration.ofSeconds(5));
    List<SenderLane.Answer> got = s.submit(List.of(Bytes.fromHex("0x01"), Bytes.fromHex("0x02")));
    s.close();
    assertThat(got).hasSize(2);
    assertThat(got)
        .allSatisfy(a -> assertThat(SubmitVerdict.of(a.error())).isEqualTo(SubmitVerdict.RETRY));
  }
}

package io.levity.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket client for tests of JSON-RPC subscriptions: sends text, and queues every complete
 * text message the server sends for the test to take in order.
 */
public final class WebSocketInbox implements AutoCloseable {
  private final LinkedBlockingQueue<String> inbox = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  private WebSocketInbox(HttpClient client, URI url)
      throws InterruptedException, ExecutionException, TimeoutException {
    this.socket =
        client.newWebSocketBuilder().buildAsync(url, new Collector(inbox)).get(5, TimeUnit.SECONDS);
  }

  /** Connects to {@code url} (waiting up to 5 s). */
  public static WebSocketInbox open(HttpClient client, URI url)
      throws InterruptedException, ExecutionException, TimeoutException {
    return new WebSocketInbox(client, url);
  }

  /** Sends one text message. */
  public void send(String text) {
    socket.sendText(text, true).join();
  }

  /** The next message as JSON, waiting up to {@code timeout}; fails the test when none comes. */
  public JsonNode next(Duration timeout) throws InterruptedException {
    String m = inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m == null) throw new AssertionError("no WebSocket message within " + timeout);
    return RpcCalls.parse(m);
  }

  /** Drops the connection without a closing handshake. */
  @Override
  public void close() {
    socket.abort();
  }

  /** Joins the fragments of each text message and queues it. */
  private static final class Collector implements WebSocket.Listener {
    private final LinkedBlockingQueue<String> inbox;
    private final StringBuilder buf = new StringBuilder();

    Collector(LinkedBlockingQueue<String> inbox) {
      this.inbox = inbox;
    }

    @Override
    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
      buf.append(data);
      if (last) {
        inbox.add(buf.toString());
        buf.setLength(0);
      }
      w.request(1);
      return CompletableFuture.completedFuture(null);
    }
  }
}

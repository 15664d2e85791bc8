package io.levity.cli.bench.tps;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One persistent HTTP/1.1 connection for JSON-RPC POSTs, written and read on the calling thread: no
 * selector thread and no hand-off per request, which is most of what the JDK client costs per call
 * on a small machine. Handles Content-Length and chunked answers and {@code Connection: close}; any
 * failure closes the socket (the next post connects again) and is thrown, so the caller resends the
 * same bytes. Plain http only. Not thread-safe: one per sender lane.
 */
final class HttpConnection implements AutoCloseable {
  /** An HTTP answer: status and body. */
  @SuppressWarnings("ArrayRecordComponent") // the body is handed over, never shared
  record Response(int status, byte[] body) {}

  private final URI endpoint;
  private final int timeoutMillis;
  private final int maxBodyBytes;
  private final byte[] head;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  HttpConnection(URI endpoint, Duration timeout, int maxBodyBytes) {
    if (!"http".equals(endpoint.getScheme()) || endpoint.getPort() < 0)
      throw new IllegalArgumentException("need http://host:port, got " + endpoint);
    this.endpoint = endpoint;
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    this.maxBodyBytes = maxBodyBytes;
    String path =
        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty()
            ? "/"
            : endpoint.getRawPath();
    this.head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + endpoint.getHost()
                + ":"
                + endpoint.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ")
            .getBytes(StandardCharsets.US_ASCII);
  }

  /** POSTs {@code body} and reads the whole answer. */
  Response post(byte[] body) throws IOException {
    try {
      if (socket == null) connect();
      out.write(head);
      out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return read();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      out = s.getOutputStream();
      socket = s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  private Response read() throws IOException {
    String status = line();
    // "HTTP/1.1 200 OK"
    if (!status.startsWith("HTTP/1.") || status.length() < 12)
      throw new IOException("not an HTTP status line: " + status);
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false, close = status.startsWith("HTTP/1.0");
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      if (colon < 0) throw new IOException("bad header line: " + h);
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.contains("chunked");
        case "connection" ->
            close = value.contains("close") || (close && !value.contains("keep-alive"));
        default -> {}
      }
    }
    byte[] body;
    if (chunked) body = chunks();
    else if (length >= 0) body = exactly(length);
    else {
      body = upTo(maxBodyBytes + 1L);
      close = true;
    }
    if (close) close();
    return new Response(code, body);
  }

  private byte[] chunks() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line();
      int semi = size.indexOf(';');
      long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line().isEmpty()) {} // trailers
        return body.toByteArray();
      }
      if (body.size() + n > maxBodyBytes)
        throw new IOException("answer over " + maxBodyBytes + " bytes");
      body.write(exactly(n));
      if (!line().isEmpty()) throw new IOException("chunk not followed by CRLF");
    }
  }

  private byte[] exactly(long n) throws IOException {
    if (n > maxBodyBytes) throw new IOException("answer over " + maxBodyBytes + " bytes");
    byte[] b = in.readNBytes((int) n);
    if (b.length != n) throw new EOFException("connection closed in the middle of an answer");
    return b;
  }

  private byte[] upTo(long n) throws IOException {
    byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE, n));
    if (b.length > maxBodyBytes) throw new IOException("answer over " + maxBodyBytes + " bytes");
    return b;
  }

  /** A header line without its CRLF. */
  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) throw new EOFException("connection closed before the answer ended");
      if (c == '\n') break;
      if (c != '\r') b.append((char) c);
      if (b.length() > 8192) throw new IOException("header line over 8 KiB");
    }
    return b.toString();
  }

  @Override
  public void close() {
    Socket s = socket;
    socket = null;
    in = null;
    out = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // closing a broken connection: nothing left to do with it
      }
    }
  }
}

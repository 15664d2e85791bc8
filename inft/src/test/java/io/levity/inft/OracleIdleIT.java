package io.levity.inft;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.inft.oracle.OracleServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that went quiet after its answer is closed once the idle time has passed (before:
 * the idle handler fired an event nobody acted on, and the connection stayed open for good).
 */
class OracleIdleIT {
  @TempDir Path dir;

  @Test
  void anIdleKeepAliveConnectionIsClosed() throws Exception {
    try (OracleHarness h = new OracleHarness(dir);
        OracleServer server =
            new OracleServer(
                h.oracle, new OracleServer.Config("127.0.0.1", 0, 64 * 1024, 500, 1, 2))) {
      int port = server.start();
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(
            "GET /v1/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        int n = in.read(buf);
        assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        // drain the rest of the answer, then wait: the server must close within ~1 s of idling
        int r;
        do {
          r = in.read(buf);
        } while (r > 0);
        assertThat(r).as("the server closed the idle connection").isEqualTo(-1);
      }
    }
  }
}

package io.levity.compute.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timing guards of the provider's server on a real socket. */
class InferenceServerIT {
  @TempDir Path dir;

  @Test
  void aClientThatNeverFinishesItsHeadIsCutOff() throws Exception {
    try (ServingFixture f =
        new ServingFixture(
            dir,
            List.of(new StubBackends.Echo()),
            List.of(),
            InferenceApi.Limits.defaults(),
            new InferenceServer.Config("127.0.0.1", 0, 4096, 300, 30))) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.base.getPort())) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        out.write(
            "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long start = System.nanoTime();
        InputStream in = s.getInputStream();
        assertThat(in.read()).as("the server closes the connection").isEqualTo(-1);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(200L, 5_000L);
      }
      // The server still serves others.
      assertThat(f.send("GET", "/v1/models", new byte[0], java.util.Map.of()).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (ServingFixture f =
        new ServingFixture(
            dir,
            List.of(new StubBackends.Echo()),
            List.of(),
            InferenceApi.Limits.defaults(),
            new InferenceServer.Config("127.0.0.1", 0, 4096, 10_000, 1))) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), f.base.getPort())) {
        s.setSoTimeout(10_000);
        long start = System.nanoTime();
        assertThat(s.getInputStream().read()).as("closed when idle").isEqualTo(-1);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 5_000L);
      }
    }
  }
}

package io.levity.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class TcpProxyIT {
  @Test
  void carriesBytesBothWaysDropsEverythingWhileCutAndCarriesAgainOnceHealed() throws Exception {
    try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        TcpProxy proxy = new TcpProxy(echo.getLocalPort())) {
      Thread.ofPlatform().daemon().start(() -> serveEcho(echo));
      try (Socket s = connect(proxy)) {
        assertThat(roundTrip(s, 7)).isEqualTo(7);
        proxy.cut();
        assertThat(s.getInputStream().read()).as("an open link is dropped").isEqualTo(-1);
      }
      try (Socket s = connect(proxy)) {
        assertThat(s.getInputStream().read()).as("a new link is refused while cut").isEqualTo(-1);
      }
      proxy.heal();
      try (Socket s = connect(proxy)) {
        assertThat(roundTrip(s, 9)).isEqualTo(9);
      }
    }
  }

  private static Socket connect(TcpProxy proxy) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    s.setSoTimeout(5_000);
    return s;
  }

  private static int roundTrip(Socket s, int b) throws IOException {
    s.getOutputStream().write(b);
    s.getOutputStream().flush();
    return s.getInputStream().read();
  }

  private static void serveEcho(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try (s;
                      InputStream in = s.getInputStream();
                      OutputStream out = s.getOutputStream()) {
                    for (int b; (b = in.read()) >= 0; ) out.write(b);
                  } catch (IOException e) {
                    // the proxy closed the link
                  }
                });
      } catch (IOException e) {
        return;
      }
    }
  }
}

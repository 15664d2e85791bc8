package io.levity.compute.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.levity.compute.client.InferenceClientException;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.ProviderRefusedException;
import io.levity.compute.client.ProviderUnreachableException;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.InferenceService;
import io.levity.core.bytes.Address;
import io.levity.core.time.TimeSource;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client on its own: it catches up with a nonce the provider served that its store does not
 * hold, refuses an unregistered provider, passes the provider's refusals on with their status, and
 * bounds the max fee from the registered prices.
 */
class ProviderClientIT {
  static final byte[] EMBED =
      "{\"model\":\"vec\",\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8);
  @TempDir Path dir;

  @Test
  void aNonceServedWithoutThisStoreKnowingIsSkipped() throws Exception {
    try (ProxyFixture f = new ProxyFixture(dir.resolve("f"));
        UserReceiptStore other =
            UserReceiptStore.open(dir.resolve("other"), ProxyFixture.USER.address())) {
      f.client(ProxyFixture.EMBED.address())
          .send(ProviderClient.EMBEDDINGS, EMBED, Optional.empty());
      ProviderClient second =
          ProviderClient.connect(
              f.directory,
              ProxyFixture.USER,
              ProxyFixture.EMBED.address(),
              other,
              f.http,
              TimeSource.system(),
              ProviderClient.Settings.defaults());
      assertThat(second.send(ProviderClient.EMBEDDINGS, EMBED, Optional.empty()).stored().nonce())
          .isEqualTo(2);
      assertThat(other.all()).hasSize(1);
    }
  }

  @Test
  void aStreamThatStallsIsCutOffAsUnreachable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    HttpServer stalling =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stalling.createContext(
        "/",
        x -> {
          x.getRequestBody().readAllBytes();
          x.getResponseHeaders().set("Content-Type", "text/event-stream");
          x.sendResponseHeaders(200, 0);
          OutputStream o = x.getResponseBody();
          o.write(
              "data: {\"choices\":[{\"delta\":{\"content\":\"hel\"}}]}\n\n"
                  .getBytes(StandardCharsets.UTF_8));
          o.flush();
          try {
            release.await(30, TimeUnit.SECONDS); // a provider that stops mid-answer
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          x.close();
        });
    stalling.start();
    try (ProxyFixture f = new ProxyFixture(dir)) {
      Address stalled = Address.fromHex("0x" + "55".repeat(20));
      InferenceService echo = f.registry.get(ProxyFixture.CHAT.address());
      f.registry.put(
          stalled,
          new InferenceService(
              echo.type(),
              echo.modelId(),
              echo.modelRoot(),
              echo.priceIn(),
              echo.priceOut(),
              "http://127.0.0.1:" + stalling.getAddress().getPort() + "/v1",
              echo.signer(),
              true));
      ProviderClient c =
          ProviderClient.connect(
              f.directory,
              ProxyFixture.USER,
              stalled,
              f.store,
              f.http,
              TimeSource.system(),
              new ProviderClient.Settings(Duration.ofSeconds(1), Duration.ofHours(1), 64, 16));
      List<String> seen = new ArrayList<>();
      byte[] body = VerifyingProxyIT.chat("hi", true).getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> c.stream(ProviderClient.CHAT, body, Optional.empty(), seen::add))
          .isInstanceOf(ProviderUnreachableException.class)
          .hasMessageContaining("the stream stalled: nothing for 1 s");
      assertThat(seen).hasSize(1);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    } finally {
      release.countDown();
      stalling.stop(0);
    }
  }

  @Test
  void refusalsKeepTheirStatusAndTheMaxFeeIsBoundedByThePrices() throws Exception {
    try (ProxyFixture f = new ProxyFixture(dir)) {
      ProviderClient c = f.client(ProxyFixture.EMBED.address());
      // 3 wei per input token: the body's bytes plus 64; no output tokens for embeddings
      assertThat(c.maxFee(ProviderClient.EMBEDDINGS, EMBED))
          .isEqualTo(BigInteger.valueOf(3L * (EMBED.length + 64)));
      byte[] chat =
          "{\"model\":\"echo\",\"max_tokens\":5,\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
      assertThat(f.client(ProxyFixture.CHAT.address()).maxFee(ProviderClient.CHAT, chat))
          .isEqualTo(BigInteger.valueOf(3L * (chat.length + 64) + 7L * 5));
      assertThatThrownBy(
              () -> c.send(ProviderClient.EMBEDDINGS, EMBED, Optional.of(BigInteger.TEN.pow(19))))
          .isInstanceOfSatisfying(
              ProviderRefusedException.class, e -> assertThat(e.status()).isEqualTo(402))
          .hasMessageContaining("insufficient balance");
      assertThat(f.store.all()).isEmpty();
      Address nobody = Address.fromHex("0x" + "99".repeat(20));
      assertThatThrownBy(() -> f.client(nobody))
          .isInstanceOf(InferenceClientException.class)
          .hasMessageContaining("is not registered on the market");
    }
  }
}

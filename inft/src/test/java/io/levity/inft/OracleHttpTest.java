package io.levity.inft;

import static io.levity.inft.InftFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleRequest.Action;
import io.levity.inft.oracle.OracleResponses;
import io.levity.inft.oracle.OracleServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle over HTTP on loopback: the client's round trips, typed refusals, guards. */
class OracleHttpTest {
  @TempDir Path dir;
  private OracleHarness h;
  private OracleServer server;
  private OracleClient client;
  private URI base;

  @BeforeEach
  void start() throws Exception {
    h = new OracleHarness(dir);
    server =
        new OracleServer(h.oracle, new OracleServer.Config("127.0.0.1", 0, 64 * 1024, 500, 30, 2));
    base = URI.create("http://127.0.0.1:" + server.start());
    client = new OracleClient(base, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    server.close();
    h.close();
  }

  @Test
  void everyEndpointRoundTripsThroughTheClient() throws Exception {
    OracleResponses.Info info = client.info();
    assertThat(info.oracle()).isEqualTo(h.f.oracle.address());
    assertThat(info.encryptionKey()).isEqualTo(h.oracleEncryption.publicKey());
    assertThat(info.authentic()).isTrue();
    // A hostile server handing out its own key under the oracle's address fails the check.
    OracleResponses.Info swapped =
        new OracleResponses.Info(
            info.oracle(),
            OracleHarness.encryption(h.f.carol).publicKey(),
            info.chainId(),
            info.nft(),
            info.signature());
    assertThat(swapped.authentic()).isFalse();
    OracleResponses.Info otherChain =
        new OracleResponses.Info(
            info.oracle(), info.encryptionKey(), info.chainId() + 1, info.nft(), info.signature());
    assertThat(otherChain.authentic()).isFalse();
    h.register(h.f.alice, true);
    h.register(h.f.bob, true);
    byte[] agent = "agent over http".getBytes(StandardCharsets.UTF_8);
    OracleResponses.Stored s = client.store(h.storeRequest(h.f.alice, BigInteger.ZERO, agent));
    BigInteger id =
        InftAbi.MINT
            .decodeReturn(
                ok(h.f.send(
                        h.f.alice,
                        h.f.nft,
                        InftAbi.mint(
                            java.util.List.of(new IntelligentData("a", s.dataHashes().get(0))),
                            0,
                            s.proof())))
                    .output())
            .bigInteger(0);
    OracleResponses.Transfer t =
        client.transfer(h.request(Action.TRANSFER, h.f.alice, id, h.f.bob.address()));
    ok(h.f.send(h.f.alice, h.f.nft, InftAbi.iTransfer(h.f.bob.address(), id, t.proofs())));
    OracleResponses.Keys keys = client.open(h.request(Action.OPEN, h.f.bob, id, Address.ZERO));
    assertThat(keys.roots()).containsExactly(t.proofs().get(0).ownershipProof().newDataHash());
    assertThat(client.use(h.request(Action.USE, h.f.bob, id, Address.ZERO)).output().size())
        .isEqualTo(40);
    OracleRequest replay = h.request(Action.OPEN, h.f.bob, id, Address.ZERO);
    client.open(replay);
    assertThatThrownBy(() -> client.open(replay))
        .isInstanceOfSatisfying(
            OracleException.class, e -> assertThat(e.error()).isEqualTo(OracleError.NONCE_REUSED))
        .hasMessageContaining("already used");
    assertThatThrownBy(() -> client.open(h.request(Action.OPEN, h.f.alice, id, Address.ZERO)))
        .isInstanceOfSatisfying(
            OracleException.class, e -> assertThat(e.error()).isEqualTo(OracleError.NOT_OWNER));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(base.resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void malformedOversizedAndMisroutedRequestsGetClearErrors() throws Exception {
    HttpResponse<String> bad = post("/v1/open", "{\"action\":\"OPEN\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("BAD_REQUEST").contains("missing field 'signer'");
    assertThat(post("/v1/open", "not json").body()).contains("malformed request");
    HttpResponse<String> nowhere = post("/v1/steal", "{}");
    assertThat(nowhere.statusCode()).isEqualTo(404);
    assertThat(post("/v1/info", "{}").statusCode()).isEqualTo(405);
    HttpResponse<String> huge = post("/v1/store", "x".repeat(100 * 1024));
    assertThat(huge.statusCode()).isEqualTo(413);
  }

  @Test
  void aSlowRequestHeadIsCutOff() throws Exception {
    try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), base.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write("GET /v1/info HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      s.setSoTimeout(5_000);
      InputStream in = s.getInputStream();
      assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
    }
  }
}

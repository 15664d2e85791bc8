package io.levity.da.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import io.levity.testing.ManualScheduler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A DA node on loopback driven by {@link HttpDaNodeTransport} and by raw HTTP. */
class DaNodeServerIT {
  private static final int NODE = 1;
  private final DaNodeFixture f = new DaNodeFixture();
  private final EncodedBlob blob = DaNodeFixture.blob();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HttpDaNodeTransport transport =
      new HttpDaNodeTransport(Duration.ofSeconds(2), Duration.ofSeconds(20), 64L << 20, 16L << 20);
  private DaNodeService service;
  private DaNodeServer server;
  private String endpoint;

  @BeforeEach
  void start() throws Exception {
    // blobs up to 300 kB: three pieces, bodies capped near 1 MB; 8 ids per read
    DaNodeLimits limits = new DaNodeLimits(300_000, 14, 60_000, 8);
    service =
        new DaNodeService(
            f.keys.get(NODE),
            NODE,
            f.chain,
            new InMemoryCellStore(),
            limits,
            new ManualScheduler());
    server = new DaNodeServer(service, DaNodeServer.Config.loopback(0).withHeadTimeoutMillis(2000));
    endpoint = "http://127.0.0.1:" + server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    service.close();
  }

  @Test
  void storesThenServesTheHeaderAndCells() throws Exception {
    StoreRequest req = f.request(NODE, 1);
    BlsSignature sig = transport.store(endpoint, req);
    Bytes32 id = blob.header().id();
    assertThat(Bls.verify(f.keys.get(NODE).publicKey(), f.chain.signingMessage(id, 1), sig))
        .isTrue();
    assertThat(transport.store(endpoint + "/", req)).as("idempotent").isEqualTo(sig);
    assertThat(transport.header(endpoint, id)).isEqualTo(blob.header());
    List<CellId> ids = new ArrayList<>(req.cells().subList(0, 3).stream().map(Cell::id).toList());
    CellId notHeld = f.request(0, 1).cells().get(0).id();
    ids.add(1, notHeld);
    assertThat(transport.cells(endpoint, id, ids)).isEqualTo(req.cells().subList(0, 3));
    HttpResponse<String> health = get("/da/v1/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"node\":1");
  }

  @Test
  void refusalsComeBackWithTheirStatusAndReason() {
    Bytes32 unknown = Bytes32.leftPad(new byte[] {9});
    assertThatThrownBy(() -> transport.header(endpoint, unknown))
        .isInstanceOfSatisfying(DaNodeException.class, e -> assertThat(e.status()).isEqualTo(404))
        .hasMessageContaining(endpoint + "/da/v1/blobs/")
        .hasMessageContaining("does not hold blob");
    StoreRequest wrongShare = f.request(0, 1);
    assertThatThrownBy(() -> transport.store(endpoint, wrongShare))
        .isInstanceOfSatisfying(DaNodeException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("answered 409")
        .hasMessageContaining("share");
    assertThatThrownBy(() -> transport.header("http://127.0.0.1:1", unknown))
        .isInstanceOfSatisfying(DaNodeException.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("could not be reached");
  }

  @Test
  void tooManyIdsAreRefused() throws Exception {
    transport.store(endpoint, f.request(NODE, 1));
    List<CellId> nine = new ArrayList<>();
    for (int i = 0; i < 9; i++) nine.add(new CellId(0, i));
    assertThatThrownBy(() -> transport.cells(endpoint, blob.header().id(), nine))
        .isInstanceOfSatisfying(DaNodeException.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("at most 8");
  }

  @Test
  void anOversizedBodyIs413AndAMalformedOne400() throws Exception {
    byte[] big = new byte[server.maxBodyBytes() + 1];
    HttpResponse<String> tooLarge = post(big);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("over this node's limit of " + server.maxBodyBytes());
    HttpResponse<String> bad = post(new byte[] {1, 0, 0, 0, 5, 1, 2});
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).startsWith("{\"error\":");
    assertThat(get("/da/v1/blobs/0x12/header").statusCode()).isEqualTo(400);
    assertThat(get("/da/v1/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void aClientSendingItsHeadSlowlyDoesNotHoldUpOthersAndIsCutOff() throws Exception {
    try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      slow.setSoTimeout(5_000);
      OutputStream out = slow.getOutputStream();
      out.write("POST /da/v1/store HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      long start = System.nanoTime();
      // others are served while the slow head is pending
      BlsSignature sig = transport.store(endpoint, f.request(NODE, 1));
      assertThat(sig).isNotNull();
      assertThat(get("/da/v1/health").statusCode()).isEqualTo(200);
      assertThat((System.nanoTime() - start) / 1_000_000).as("served first").isLessThan(2_000);
      assertThat(closedByServer(slow.getInputStream())).isTrue();
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(1_000L, 5_000L);
    }
  }

  @Test
  void aNodeThatAnswersSlowlyTimesOutWithAClearError() throws Exception {
    InMemoryCellStore held = new InMemoryCellStore();
    StoreRequest req = f.request(NODE, 1);
    held.put(req.header(), 1, req.cells());
    try (DaNodeService slowNode =
            new DaNodeService(
                f.keys.get(NODE),
                NODE,
                f.chain,
                new FaultyCellStore(held, NodeFaults.slow(3_000)),
                DaNodeLimits.defaults(),
                new ManualScheduler());
        DaNodeServer slowServer = new DaNodeServer(slowNode, DaNodeServer.Config.loopback(0))) {
      String slowEndpoint = "http://127.0.0.1:" + slowServer.start();
      HttpDaNodeTransport impatient =
          new HttpDaNodeTransport(
              Duration.ofSeconds(1), Duration.ofMillis(500), 1 << 20, 16L << 20);
      assertThatThrownBy(() -> impatient.header(slowEndpoint, req.header().id()))
          .isInstanceOfSatisfying(DaNodeException.class, e -> assertThat(e.status()).isZero())
          .hasMessageContaining(slowEndpoint + "/da/v1/blobs/")
          .hasMessageContaining("did not answer within the timeout");
      // the same answer past the client's response cap is refused, not read whole
      HttpDaNodeTransport small =
          new HttpDaNodeTransport(Duration.ofSeconds(1), Duration.ofSeconds(20), 100, 16L << 20);
      transport.store(endpoint, req);
      List<CellId> ids = req.cells().stream().map(Cell::id).limit(2).toList();
      assertThatThrownBy(() -> small.cells(endpoint, req.header().id(), ids))
          .isInstanceOf(DaNodeException.class)
          .hasMessageContaining("answered more than 100 bytes");
    }
  }

  private static boolean closedByServer(InputStream in) throws Exception {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(endpoint + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(endpoint + DaNodeRoutes.STORE))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

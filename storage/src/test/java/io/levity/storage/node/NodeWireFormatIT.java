package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.InMemoryStorageChain;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's answers byte for byte as they leave the socket (status line, headers, JSON bodies in
 * their documented field order): what docs/storage.md promises clients, pinned against the adapter.
 */
class NodeWireFormatIT {
  static final int SEG = ShardLayout.SEGMENT_SIZE;
  @TempDir Path dir;
  final InMemoryStorageChain chain = new InMemoryStorageChain();
  StorageNode node;
  ShardEncoder.InMemory enc;
  Submission submission;

  @BeforeEach
  void setUp() throws Exception {
    node = StorageNode.open(NodeConfig.defaults(dir.resolve("node"), 0), chain);
    node.start();
    byte[] data = new byte[SEG + 10];
    new Random(3).nextBytes(data);
    enc = new ShardEncoder(ReedSolomon.defaultCode()).encode(data);
    submission = chain.submit(enc.file().submission(Bytes32.ZERO));
  }

  @AfterEach
  void tearDown() {
    node.close();
  }

  /** Sends raw bytes on a fresh connection and returns the one response the node sends back. */
  byte[] exchange(byte[] request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      OutputStream o = s.getOutputStream();
      o.write(request);
      o.flush();
      return readResponse(s.getInputStream());
    }
  }

  String exchange(String head) throws Exception {
    return new String(exchange(head.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.UTF_8);
  }

  static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  }

  byte[] putRequest(int index, boolean close) {
    byte[] prefix = NodeProtocol.prefix(enc.file().shardRoots());
    byte[] shard = enc.shards()[index];
    String head =
        "PUT "
            + NodeProtocol.shardPath(submission.fileRoot(), index)
            + " HTTP/1.1\r\nHost: x\r\n"
            + (close ? "Connection: close\r\n" : "")
            + "Content-Length: "
            + (prefix.length + shard.length)
            + "\r\n\r\n";
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    b.writeBytes(prefix);
    b.writeBytes(shard);
    return b.toByteArray();
  }

  static String json(String status, String body) {
    return "HTTP/1.1 "
        + status
        + "\r\ncontent-type: application/json\r\ncontent-length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nconnection: close\r\n\r\n"
        + body;
  }

  @Test
  void answersAreTheDocumentedBytes() throws Exception {
    String root = submission.fileRoot().toHex();
    String shardRoot = enc.file().shardRoots().get(0).toHex();
    String stored =
        "{\"fileRoot\":\""
            + root
            + "\",\"index\":0,\"shardRoot\":\""
            + shardRoot
            + "\",\"size\":"
            + SEG
            + "}";
    assertThat(new String(exchange(putRequest(0, true)), StandardCharsets.UTF_8))
        .isEqualTo(json("201 Created", "{\"stored\":true," + stored.substring(1)));
    assertThat(new String(exchange(putRequest(0, false)), StandardCharsets.UTF_8))
        .isEqualTo(
            json("200 OK", "{\"stored\":false,\"reason\":\"already held\"," + stored.substring(1)));
    assertThat(exchange(get(NodeProtocol.SHARDS)))
        .isEqualTo(
            json(
                "200 OK",
                "{\"shards\":[{\"fileRoot\":\""
                    + root
                    + "\",\"index\":0,\"size\":"
                    + SEG
                    + ",\"shardRoot\":\""
                    + shardRoot
                    + "\"}]}"));
    assertThat(exchange(get(NodeProtocol.HEALTH)))
        .isEqualTo(
            json(
                "200 OK",
                "{\"status\":\"ok\",\"nodeId\":\""
                    + node.nodeId().toHex()
                    + "\",\"endpoint\":\""
                    + node.endpoint()
                    + "\",\"shards\":1,\"bytes\":"
                    + SEG
                    + ",\"maxShardBytes\":1073741824}"));
    String sector = exchange(get(NodeProtocol.sectorPath(submission.fileRoot(), 0, 5)));
    assertThat(sector)
        .startsWith("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n")
        .contains(
            "{\"fileRoot\":\""
                + root
                + "\",\"shardIndex\":0,\"shardRoot\":\""
                + shardRoot
                + "\",\"shardLength\":"
                + SEG
                + ",\"sectorIndex\":5,\"sector\":\"0x")
        .contains("\",\"segmentPath\":[\"0x")
        .endsWith("\"],\"filePath\":[]}");
    byte[] shard =
        exchange(
            get(NodeProtocol.shardPath(submission.fileRoot(), 0))
                .getBytes(StandardCharsets.US_ASCII));
    String head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: "
            + (NodeProtocol.prefixLength(9) + SEG)
            + "\r\nx-levity-shard-root: "
            + shardRoot
            + "\r\nconnection: close\r\n\r\n";
    assertThat(new String(shard, 0, head.length(), StandardCharsets.US_ASCII)).isEqualTo(head);
    assertThat(shard.length).isEqualTo(head.length() + NodeProtocol.prefixLength(9) + SEG);
    assertThat(exchange(get("/v2/x")))
        .isEqualTo(
            json(
                "404 Not Found",
                "{\"error\":\"not_found\",\"message\":\"no such endpoint: /v2/x (see"
                    + " docs/storage.md, Node protocol)\"}"));
    assertThat(exchange("DELETE /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .isEqualTo(
            json(
                "405 Method Not Allowed",
                "{\"error\":\"method_not_allowed\",\"message\":\"DELETE is not allowed here; use"
                    + " GET\"}"));
    assertThat(
            exchange(
                "PUT "
                    + NodeProtocol.shardPath(Bytes32.ZERO, 0)
                    + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"))
        .isEqualTo(
            json(
                "404 Not Found",
                "{\"error\":\"unknown_file\",\"message\":\"no submission is recorded on chain for "
                    + Bytes32.ZERO
                    + "; submit the file first\"}"));
    assertThat(exchange("POST /v1/challenge HTTP/1.1\r\nHost: x\r\nContent-Length: 300\r\n\r\n"))
        .isEqualTo(
            json(
                "413 Request Entity Too Large",
                "{\"error\":\"too_large\",\"message\":\"a challenge is at most 256 bytes; got"
                    + " 300\"}"));
  }

  @Test
  void aKeptAliveConnectionServesTheNextRequestAfterARefusal() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
      OutputStream o = s.getOutputStream();
      InputStream in = s.getInputStream();
      o.write("GET /v2/x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      assertThat(new String(readResponse(in), StandardCharsets.UTF_8))
          .startsWith("HTTP/1.1 404 Not Found\r\n")
          .contains("connection: keep-alive\r\n");
      o.write(get(NodeProtocol.HEALTH).getBytes(StandardCharsets.US_ASCII));
      o.flush();
      assertThat(new String(readResponse(in), StandardCharsets.UTF_8))
          .startsWith("HTTP/1.1 200 OK\r\n")
          .contains("\"status\":\"ok\"");
    }
  }

  /** One response, read up to the end of its Content-Length body. */
  static byte[] readResponse(InputStream in) throws Exception {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      head.write(b);
    }
    String h = head.toString(StandardCharsets.US_ASCII);
    int at = h.indexOf("content-length: ") + "content-length: ".length();
    int length = Integer.parseInt(h.substring(at, h.indexOf("\r\n", at)));
    head.writeBytes(in.readNBytes(length));
    return head.toByteArray();
  }
}

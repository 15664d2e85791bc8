package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** The node protocol's routes and error codes, without a transport. */
class NodeRoutesTest {
  static final Bytes32 ROOT = Bytes32.fromHex32("0x" + "ab".repeat(32));
  static final String SHARD = NodeProtocol.shardPath(ROOT, 7);

  static NodeRequest route(String method, String path, String file, boolean body) throws NodeError {
    return NodeRoutes.parse(method, path, file, body);
  }

  static void refused(String method, String path, boolean body, NodeErrorCode code, String text) {
    assertThatThrownBy(() -> route(method, path, null, body))
        .isInstanceOfSatisfying(
            NodeError.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains(text);
            });
  }

  @Test
  void routesEveryRequestOfTheProtocol() throws Exception {
    assertThat(route("GET", NodeProtocol.HEALTH, null, false)).isEqualTo(new NodeRequest.Health());
    assertThat(route("GET", NodeProtocol.SHARDS, null, false))
        .isEqualTo(new NodeRequest.ListShards(null));
    assertThat(route("GET", NodeProtocol.SHARDS, ROOT.toHex(), false))
        .isEqualTo(new NodeRequest.ListShards(ROOT));
    assertThat(route("POST", NodeProtocol.CHALLENGE, null, true))
        .isEqualTo(new NodeRequest.AnswerChallenge());
    assertThat(route("PUT", SHARD, null, true)).isEqualTo(new NodeRequest.PutShard(ROOT, 7));
    assertThat(route("GET", SHARD, null, false)).isEqualTo(new NodeRequest.GetShard(ROOT, 7));
    assertThat(route("GET", NodeProtocol.sectorPath(ROOT, 7, 1500), null, false))
        .isEqualTo(new NodeRequest.GetSector(ROOT, 7, 1500));
  }

  @Test
  void refusesWithTheDocumentedCodesInTheDocumentedOrder() {
    refused("GET", "/v2/x", false, NodeErrorCode.NOT_FOUND, "no such endpoint: /v2/x");
    refused("DELETE", NodeProtocol.HEALTH, false, NodeErrorCode.METHOD_NOT_ALLOWED, "use GET");
    refused("GET", NodeProtocol.CHALLENGE, false, NodeErrorCode.METHOD_NOT_ALLOWED, "use POST");
    refused("DELETE", SHARD, false, NodeErrorCode.METHOD_NOT_ALLOWED, "use GET or PUT");
    refused("GET", NodeProtocol.HEALTH, true, NodeErrorCode.BAD_REQUEST, "GET requests have no");
    refused("GET", "/v1/shards/0x1234/0", false, NodeErrorCode.BAD_REQUEST, "not a 32-byte hex");
    refused(
        "GET",
        NodeProtocol.SHARDS + "/" + ROOT + "/255",
        false,
        NodeErrorCode.BAD_REQUEST,
        "0..254");
    refused(
        "GET",
        NodeProtocol.SHARDS + "/" + ROOT + "/-1",
        false,
        NodeErrorCode.BAD_REQUEST,
        "bad shard index");
    // The method is checked before the parameters on a sector read, after them on a shard.
    refused(
        "PUT", "/v1/shards/bad/0/sectors/1", false, NodeErrorCode.METHOD_NOT_ALLOWED, "use GET");
    refused("DELETE", "/v1/shards/bad/0", false, NodeErrorCode.BAD_REQUEST, "not a 32-byte hex");
    assertThatThrownBy(() -> route("GET", NodeProtocol.HEALTH, null, true))
        .isInstanceOfSatisfying(NodeError.class, e -> assertThat(e.closesConnection()).isTrue());
  }

  @Test
  void everyCodeIsTheProtocolsWithItsStatus() throws Exception {
    StringBuilder statuses = new StringBuilder();
    for (NodeErrorCode code : NodeErrorCode.values()) {
      assertThat(code.wire()).isEqualTo(NodeProtocol.class.getField(code.name()).get(null));
      statuses.append(code.wire()).append('=').append(code.status()).append(' ');
    }
    assertThat(statuses.toString().strip())
        .isEqualTo(
            "bad_request=400 unknown_file=404 not_found=404 method_not_allowed=405 corrupt=410"
                + " length_required=411 too_large=413 size_mismatch=400 commitment_mismatch=422"
                + " root_mismatch=422 rate_limited=429 internal=500 busy=503 not_assigned=403"
                + " full=507");
  }
}

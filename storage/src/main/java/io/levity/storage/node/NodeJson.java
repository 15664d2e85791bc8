package io.levity.storage.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON bodies of the node protocol (docs/storage.md, "Protocol"), rendered from the service's
 * typed results. Field names and their order are part of the protocol.
 */
final class NodeJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeJson() {}

  static byte[] health(NodeHealth h) {
    return bytes(
        JSON.createObjectNode()
            .put("status", h.status())
            .put("nodeId", h.nodeId().toHex())
            .put("endpoint", h.endpoint())
            .put("shards", h.shards())
            .put("bytes", h.bytes())
            .put("maxShardBytes", h.maxShardBytes()));
  }

  static byte[] list(List<ShardMeta> shards) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode arr = body.putArray("shards");
    for (ShardMeta m : shards) {
      arr.addObject()
          .put("fileRoot", m.fileRoot().toHex())
          .put("index", m.index())
          .put("size", m.shardSize())
          .put("shardRoot", m.shardRoot().toHex());
    }
    return bytes(body);
  }

  /** The answer to a put: {@code stored} now (201), or not because the node already held it. */
  static byte[] put(boolean stored, ShardMeta meta) {
    ObjectNode body = JSON.createObjectNode().put("stored", stored);
    if (!stored) body.put("reason", "already held");
    return bytes(
        body.put("fileRoot", meta.fileRoot().toHex())
            .put("index", meta.index())
            .put("shardRoot", meta.shardRoot().toHex())
            .put("size", meta.shardSize()));
  }

  static byte[] sector(SectorAnswer a) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("fileRoot", a.fileRoot().toHex())
            .put("shardIndex", a.shardIndex())
            .put("shardRoot", a.shardRoot().toHex())
            .put("shardLength", a.shardLength())
            .put("sectorIndex", a.proof().sectorIndex())
            .put("sector", a.sector().toHex());
    hashes(body.putArray("segmentPath"), a.proof().segmentPath());
    hashes(body.putArray("filePath"), a.proof().filePath());
    return bytes(body);
  }

  static byte[] error(NodeError e) {
    return bytes(
        JSON.createObjectNode().put("error", e.code().wire()).put("message", e.getMessage()));
  }

  private static void hashes(ArrayNode out, List<Bytes32> hashes) {
    hashes.forEach(h -> out.add(h.toHex()));
  }

  private static byte[] bytes(ObjectNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      return "{\"error\":\"internal\",\"message\":\"cannot render a response\"}"
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}

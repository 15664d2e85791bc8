package io.levity.storage.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FileStorageChain} file holds, as a small immutable snapshot, and its JSON form
 * (docs/storage.md, "Chain file"). Every write replaces the whole snapshot.
 */
record FileChainState(
    Bytes32 seed,
    long epoch,
    List<Submission> submissions,
    List<StorageNodeRecord> nodes,
    List<ProofRecord> proofs,
    List<ReplicaRecord> replicas,
    Map<Bytes32, Long> submittedIn) {
  FileChainState {
    submittedIn = Map.copyOf(submittedIn);
    submissions = List.copyOf(submissions);
    nodes = List.copyOf(nodes);
    proofs = List.copyOf(proofs);
    replicas = List.copyOf(replicas);
  }

  static final int VERSION = 1;

  static ObjectNode render(ObjectMapper json, FileChainState s) {
    ObjectNode root =
        json.createObjectNode()
            .put("version", VERSION)
            .put("seed", s.seed().toHex())
            .put("epoch", s.epoch());
    ArrayNode subs = root.putArray("submissions");
    for (Submission x : s.submissions()) {
      subs.addObject()
          .put("fileRoot", x.fileRoot().toHex())
          .put("length", x.length())
          .put("dataShards", x.dataShards())
          .put("parityShards", x.parityShards())
          .put("shardCommitment", x.shardCommitment().toHex())
          .put("submitter", x.submitter().toHex())
          .put("epoch", s.submittedIn().getOrDefault(x.fileRoot(), 0L));
    }
    ArrayNode nodes = root.putArray("nodes");
    for (StorageNodeRecord n : s.nodes()) {
      nodes.addObject().put("nodeId", n.nodeId().toHex()).put("endpoint", n.endpoint());
    }
    ArrayNode proofs = root.putArray("proofs");
    for (ProofRecord p : s.proofs()) {
      proofs
          .addObject()
          .put("epoch", p.epoch())
          .put("nodeId", p.nodeId().toHex())
          .put("fileRoot", p.fileRoot().toHex())
          .put("shardIndex", p.shardIndex())
          .put("passed", p.passed())
          .put("reason", p.reason());
    }
    ArrayNode replicas = root.putArray("replicas");
    for (ReplicaRecord r : s.replicas()) {
      replicas
          .addObject()
          .put("nodeId", r.nodeId().toHex())
          .put("fileRoot", r.fileRoot().toHex())
          .put("shardIndex", r.shardIndex())
          .put("replicaRoot", r.replicaRoot().toHex());
    }
    return root;
  }

  static FileChainState parse(JsonNode root, Path file) {
    try {
      if (root == null || root.path("version").asInt() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " chain file");
      }
      List<Submission> subs = new ArrayList<>();
      Map<Bytes32, Long> submittedIn = new HashMap<>();
      for (JsonNode x : root.path("submissions")) {
        submittedIn.put(hash(x, "fileRoot"), x.path("epoch").asLong(0)); // 0 in older files
        subs.add(
            new Submission(
                hash(x, "fileRoot"),
                x.path("length").asLong(),
                x.path("dataShards").asInt(),
                x.path("parityShards").asInt(),
                hash(x, "shardCommitment"),
                hash(x, "submitter")));
      }
      List<StorageNodeRecord> nodes = new ArrayList<>();
      for (JsonNode n : root.path("nodes"))
        nodes.add(new StorageNodeRecord(hash(n, "nodeId"), text(n, "endpoint")));
      List<ProofRecord> proofs = new ArrayList<>();
      for (JsonNode p : root.path("proofs")) {
        proofs.add(
            new ProofRecord(
                p.path("epoch").asLong(),
                hash(p, "nodeId"),
                hash(p, "fileRoot"),
                p.path("shardIndex").asInt(),
                p.path("passed").asBoolean(),
                p.path("reason").asText("")));
      }
      List<ReplicaRecord> replicas = new ArrayList<>();
      for (JsonNode r : root.path("replicas")) { // absent in files written before sealing
        replicas.add(
            new ReplicaRecord(
                hash(r, "nodeId"),
                hash(r, "fileRoot"),
                r.path("shardIndex").asInt(),
                hash(r, "replicaRoot")));
      }
      return new FileChainState(
          hash(root, "seed"),
          root.path("epoch").asLong(),
          subs,
          nodes,
          proofs,
          replicas,
          submittedIn);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("chain file " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual())
      throw new IllegalArgumentException("missing string field '" + field + "'");
    return v.asText();
  }

  private static Bytes32 hash(JsonNode n, String field) {
    return Bytes32.fromHex32(text(n, field));
  }
}

package io.levity.compute.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Everything a settlement batch commits to, with what auditors need to check it: every leaf in tree
 * order (the receipt and its running fee total), the exact request body each receipt's request hash
 * covers and the answer text its response hash covers (null for embeddings). From it anyone
 * rebuilds the batch's Merkle tree, hence a proof for any leaf. The provider writes it durably
 * before submitting the batch and serves it at {@code GET /levity/v1/batches/{id}}.
 *
 * @param batchId the market's id, 0 until the submission is confirmed
 */
public record BatchBundle(long batchId, Bytes32 root, List<Leaf> leaves) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One leaf: the receipt, the user's running total, the request body and the answer text. */
  public record Leaf(
      InferenceReceipt receipt, BigInteger cumulativeFee, Bytes requestBody, String responseText) {
    public Leaf {
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(cumulativeFee, "cumulativeFee");
      Objects.requireNonNull(requestBody, "requestBody");
    }

    /** Whether the request body hashes to the signed request hash. */
    public boolean requestMatches() {
      return Keccak.hash(requestBody.toArray()).equals(receipt.request().requestHash());
    }

    /** Whether the answer text is present and hashes to the signed response hash. */
    public boolean responseMatches() {
      return responseText != null
          && Keccak.hash(responseText.getBytes(StandardCharsets.UTF_8))
              .equals(receipt.response().responseHash());
    }
  }

  public BatchBundle {
    Objects.requireNonNull(root, "root");
    leaves = List.copyOf(leaves);
    if (leaves.isEmpty()) throw new IllegalArgumentException("a bundle without leaves");
  }

  /** The bundle of {@code batch} with the bodies of each of its receipts, in leaf order. */
  public static BatchBundle of(ReceiptBatch batch, List<Bytes> requestBodies, List<String> texts) {
    if (requestBodies.size() != batch.size() || texts.size() != batch.size())
      throw new IllegalArgumentException("one request body and one text per leaf");
    List<Leaf> leaves = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++)
      leaves.add(
          new Leaf(
              batch.receipts().get(i), batch.cumulativeFee(i), requestBodies.get(i), texts.get(i)));
    return new BatchBundle(0, batch.root(), leaves);
  }

  /** The same bundle naming its batch id. */
  public BatchBundle withBatchId(long id) {
    return new BatchBundle(id, root, leaves);
  }

  /**
   * The batch rebuilt from the leaves; throws IllegalArgumentException when the leaves do not
   * rebuild the bundle's root (or their running totals differ from the ones the root covers).
   */
  public ReceiptBatch batch() {
    List<InferenceReceipt> receipts = new ArrayList<>();
    for (Leaf l : leaves) receipts.add(l.receipt());
    ReceiptBatch b = ReceiptBatch.of(receipts);
    for (int i = 0; i < leaves.size(); i++)
      if (!b.receipts().get(i).equals(leaves.get(i).receipt())
          || !b.cumulativeFee(i).equals(leaves.get(i).cumulativeFee()))
        throw new IllegalArgumentException("leaf " + i + " is out of order or its total is wrong");
    if (!b.root().equals(root))
      throw new IllegalArgumentException(
          "the leaves rebuild root " + b.root() + ", not the bundle's " + root);
    return b;
  }

  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("batchId", batchId).put("root", root.toHex());
    ArrayNode a = o.putArray("leaves");
    for (Leaf l : leaves) {
      ObjectNode n = a.addObject();
      n.set("receipt", l.receipt().toJson());
      n.put("cumulativeFee", l.cumulativeFee().toString());
      n.put("requestBody", Base64.getEncoder().encodeToString(l.requestBody().toArray()));
      if (l.responseText() != null) n.put("responseText", l.responseText());
    }
    return o;
  }

  /** Reads {@link #toJson}'s form; throws IllegalArgumentException when it is malformed. */
  public static BatchBundle fromJson(JsonNode o) {
    if (!o.path("leaves").isArray() || !o.hasNonNull("root"))
      throw new IllegalArgumentException("not a batch bundle: no root or leaves");
    List<Leaf> leaves = new ArrayList<>();
    for (JsonNode n : o.get("leaves")) {
      if (!n.hasNonNull("requestBody") || !n.hasNonNull("cumulativeFee"))
        throw new IllegalArgumentException("a bundle leaf without its request body or total");
      leaves.add(
          new Leaf(
              InferenceReceipt.fromJson(n.path("receipt")),
              new BigInteger(n.get("cumulativeFee").asText()),
              Bytes.wrap(Base64.getDecoder().decode(n.get("requestBody").asText())),
              n.hasNonNull("responseText") ? n.get("responseText").asText() : null));
    }
    return new BatchBundle(
        o.path("batchId").asLong(0), Bytes32.fromHex32(o.get("root").asText()), leaves);
  }

  /** The bundle as UTF-8 JSON bytes. */
  public byte[] toBytes() {
    return toJson().toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Reads {@link #toBytes}; throws IllegalArgumentException when it is not a bundle. */
  public static BatchBundle fromBytes(byte[] bytes) {
    try {
      return fromJson(JSON.readTree(bytes));
    } catch (IOException e) {
      throw new IllegalArgumentException("not a batch bundle: " + e.getMessage(), e);
    }
  }
}

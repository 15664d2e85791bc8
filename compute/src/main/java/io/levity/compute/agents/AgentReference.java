package io.levity.compute.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which agent a request runs: the AgentNFT contract, the token, and the token's data hashes (its
 * storage roots, in order, as the AgentNFT lists them) the user expects. Naming the hashes pins the
 * version: a provider refuses when the token holds other data now. In JSON: {@code {"nft": "0x..",
 * "token_id": "7", "data_hashes": ["0x.."]}}.
 */
public record AgentReference(Address nft, BigInteger tokenId, List<Bytes32> dataHashes) {
  public AgentReference {
    Objects.requireNonNull(nft, "nft");
    Objects.requireNonNull(tokenId, "tokenId");
    dataHashes = List.copyOf(dataHashes);
    if (tokenId.signum() < 0) throw new IllegalArgumentException("a token id is not negative");
    if (dataHashes.isEmpty())
      throw new IllegalArgumentException("an agent names at least one data hash");
  }

  /** The JSON form above. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("nft", nft.toHex());
    o.put("token_id", tokenId.toString());
    ArrayNode hashes = o.putArray("data_hashes");
    dataHashes.forEach(h -> hashes.add(h.toHex()));
    return o;
  }

  /** Reads the JSON form; throws {@link IllegalArgumentException} saying which field is wrong. */
  public static AgentReference fromJson(JsonNode o) {
    if (o == null || !o.isObject()) throw new IllegalArgumentException("must be an object");
    JsonNode hashes = o.path("data_hashes");
    if (!hashes.isArray()) throw new IllegalArgumentException("data_hashes must be an array");
    List<Bytes32> list = new ArrayList<>();
    for (JsonNode h : hashes) {
      if (!h.isTextual()) throw new IllegalArgumentException("a data hash must be a hex string");
      list.add(Bytes32.fromHex32(h.asText()));
    }
    String id = text(o, "token_id");
    BigInteger tokenId;
    try {
      tokenId = new BigInteger(id);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("token_id must be a decimal string, not '" + id + "'");
    }
    return new AgentReference(Address.fromHex(text(o, "nft")), tokenId, list);
  }

  static String text(JsonNode o, String field) {
    JsonNode v = o.path(field);
    if (!v.isTextual()) throw new IllegalArgumentException(field + " must be a string");
    return v.asText();
  }
}

package io.levity.inft.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.AccessProof;
import io.levity.inft.DataProof;
import io.levity.inft.OwnershipProof;
import io.levity.inft.TransferValidityProof;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The oracle's HTTP bodies (docs/inft.md, "Oracle HTTP API"): bytes as 0x-hex, token ids as decimal
 * strings, deadlines as numbers. Shared by {@link OracleServer} and {@link OracleClient}.
 */
public final class OracleJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private OracleJson() {}

  public static ObjectNode request(OracleRequest r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("action", r.action().name());
    o.put("signer", r.signer().toHex());
    o.put("tokenId", r.tokenId().toString());
    o.put("to", r.to().toHex());
    o.set("roots", hexArray(r.roots()));
    o.set("sealedKeys", hexArray(r.sealedKeys()));
    o.put("input", r.input().toHex());
    o.put("nonce", r.nonce().toHex());
    o.put("deadline", r.deadline());
    o.put("signature", r.signature().toHex());
    return o;
  }

  public static OracleRequest request(JsonNode o) {
    return new OracleRequest(
        OracleRequest.Action.valueOf(text(o, "action")),
        Address.fromHex(text(o, "signer")),
        new BigInteger(text(o, "tokenId")),
        Address.fromHex(text(o, "to")),
        list(o, "roots", n -> Bytes32.fromHex32(n.asText())),
        list(o, "sealedKeys", n -> Bytes.fromHex(n.asText())),
        Bytes.fromHex(text(o, "input")),
        Bytes32.fromHex32(text(o, "nonce")),
        number(o, "deadline"),
        Bytes.fromHex(text(o, "signature")));
  }

  public static ObjectNode stored(OracleResponses.Stored s) {
    ObjectNode o = JSON.createObjectNode();
    o.set("dataHashes", hexArray(s.dataHashes()));
    ObjectNode p = o.putObject("proof");
    p.put("nonce", s.proof().nonce().toHex());
    p.put("deadline", s.proof().deadline());
    p.put("signature", s.proof().signature().toHex());
    return o;
  }

  public static OracleResponses.Stored stored(JsonNode o) {
    JsonNode p = field(o, "proof");
    return new OracleResponses.Stored(
        list(o, "dataHashes", n -> Bytes32.fromHex32(n.asText())),
        new DataProof(
            Bytes.fromHex(text(p, "nonce")),
            number(p, "deadline"),
            Bytes.fromHex(text(p, "signature"))));
  }

  public static ObjectNode transfer(OracleResponses.Transfer t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("accessSigned", t.accessSigned());
    ArrayNode proofs = o.putArray("proofs");
    for (TransferValidityProof p : t.proofs()) {
      ObjectNode pair = proofs.addObject();
      AccessProof a = p.accessProof();
      ObjectNode an = pair.putObject("access");
      an.put("oldDataHash", a.oldDataHash().toHex());
      an.put("newDataHash", a.newDataHash().toHex());
      an.put("nonce", a.nonce().toHex());
      an.put("encryptedPubKey", a.encryptedPubKey().toHex());
      an.put("proof", a.proof().toHex());
      an.put("deadline", a.deadline());
      OwnershipProof w = p.ownershipProof();
      ObjectNode on = pair.putObject("ownership");
      on.put("oracleType", w.oracleType());
      on.put("oldDataHash", w.oldDataHash().toHex());
      on.put("newDataHash", w.newDataHash().toHex());
      on.put("sealedKey", w.sealedKey().toHex());
      on.put("encryptedPubKey", w.encryptedPubKey().toHex());
      on.put("nonce", w.nonce().toHex());
      on.put("proof", w.proof().toHex());
      on.put("deadline", w.deadline());
    }
    return o;
  }

  public static OracleResponses.Transfer transfer(JsonNode o) {
    List<TransferValidityProof> proofs =
        list(
            o,
            "proofs",
            pair -> {
              JsonNode a = field(pair, "access");
              JsonNode w = field(pair, "ownership");
              return new TransferValidityProof(
                  new AccessProof(
                      Bytes32.fromHex32(text(a, "oldDataHash")),
                      Bytes32.fromHex32(text(a, "newDataHash")),
                      Bytes.fromHex(text(a, "nonce")),
                      Bytes.fromHex(text(a, "encryptedPubKey")),
                      Bytes.fromHex(text(a, "proof")),
                      number(a, "deadline")),
                  new OwnershipProof(
                      (int) number(w, "oracleType"),
                      Bytes32.fromHex32(text(w, "oldDataHash")),
                      Bytes32.fromHex32(text(w, "newDataHash")),
                      Bytes.fromHex(text(w, "sealedKey")),
                      Bytes.fromHex(text(w, "encryptedPubKey")),
                      Bytes.fromHex(text(w, "nonce")),
                      Bytes.fromHex(text(w, "proof")),
                      number(w, "deadline")));
            });
    return new OracleResponses.Transfer(proofs, field(o, "accessSigned").asBoolean());
  }

  public static ObjectNode keys(OracleResponses.Keys k) {
    ObjectNode o = JSON.createObjectNode();
    o.set("roots", hexArray(k.roots()));
    o.set("sealedKeys", hexArray(k.sealedKeys()));
    return o;
  }

  public static OracleResponses.Keys keys(JsonNode o) {
    return new OracleResponses.Keys(
        list(o, "roots", n -> Bytes32.fromHex32(n.asText())),
        list(o, "sealedKeys", n -> Bytes.fromHex(n.asText())));
  }

  public static ObjectNode execution(OracleResponses.Execution e) {
    ObjectNode o = JSON.createObjectNode();
    o.set("dataHashes", hexArray(e.dataHashes()));
    o.set("sealedItems", hexArray(e.sealedItems()));
    return o;
  }

  public static OracleResponses.Execution execution(JsonNode o) {
    return new OracleResponses.Execution(
        list(o, "dataHashes", n -> Bytes32.fromHex32(n.asText())),
        list(o, "sealedItems", n -> Bytes.fromHex(n.asText())));
  }

  public static ObjectNode usage(OracleResponses.Usage u) {
    return JSON.createObjectNode().put("output", u.output().toHex());
  }

  public static OracleResponses.Usage usage(JsonNode o) {
    return new OracleResponses.Usage(Bytes.fromHex(text(o, "output")));
  }

  public static ObjectNode info(OracleResponses.Info i) {
    ObjectNode o = JSON.createObjectNode();
    o.put("oracle", i.oracle().toHex());
    o.put("encryptionKey", i.encryptionKey().toHex());
    o.put("chainId", i.chainId());
    o.put("nft", i.nft().toHex());
    o.put("signature", i.signature().toHex());
    return o;
  }

  public static OracleResponses.Info info(JsonNode o) {
    return new OracleResponses.Info(
        Address.fromHex(text(o, "oracle")),
        Bytes.fromHex(text(o, "encryptionKey")),
        number(o, "chainId"),
        Address.fromHex(text(o, "nft")),
        Bytes.fromHex(text(o, "signature")));
  }

  public static ObjectNode error(OracleError error, String message) {
    return JSON.createObjectNode().put("error", error.name()).put("message", message);
  }

  private static ArrayNode hexArray(List<? extends Bytes> values) {
    ArrayNode a = JSON.createArrayNode();
    for (Bytes b : values) a.add(b.toHex());
    return a;
  }

  private static JsonNode field(JsonNode o, String name) {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) throw new IllegalArgumentException("missing field '" + name + "'");
    return v;
  }

  private static String text(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (!v.isTextual()) throw new IllegalArgumentException("'" + name + "' must be a string");
    return v.asText();
  }

  private static long number(JsonNode o, String name) {
    JsonNode v = field(o, name);
    if (!v.canConvertToLong())
      throw new IllegalArgumentException("'" + name + "' must be a number");
    return v.asLong();
  }

  private static <T> List<T> list(JsonNode o, String name, Function<JsonNode, T> each) {
    JsonNode v = field(o, name);
    if (!v.isArray()) throw new IllegalArgumentException("'" + name + "' must be an array");
    List<T> out = new ArrayList<>();
    for (JsonNode n : v) out.add(each.apply(n));
    return out;
  }
}

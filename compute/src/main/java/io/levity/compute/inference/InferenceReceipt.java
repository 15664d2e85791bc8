package io.levity.compute.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiType;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * A settled-or-settleable inference: the user's signed request and the provider's signed response.
 * Its durable forms are {@link #toBytes} (the ABI encoding of the four fields, what the contract
 * decodes) and {@link #toJson} (field names as in the EIP-712 types, numbers as decimal strings).
 */
public record InferenceReceipt(
    InferenceRequest request,
    InferenceResponse response,
    Bytes userSignature,
    Bytes providerSignature) {
  static final String REQUEST_TUPLE = "(address,address,bytes32,uint256,uint256,uint256)";
  static final String RESPONSE_TUPLE =
      "(bytes32,bytes32,bytes32,uint32,uint32,uint256,address,uint256)";
  private static final List<AbiType> ENCODING =
      AbiFunction.parse("receipt(" + REQUEST_TUPLE + "," + RESPONSE_TUPLE + ",bytes,bytes)")
          .inputs();
  private static final ObjectMapper JSON = new ObjectMapper();

  public InferenceReceipt {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(userSignature, "userSignature");
    Objects.requireNonNull(providerSignature, "providerSignature");
  }

  public Address user() {
    return request.user();
  }

  public long nonce() {
    return request.nonce();
  }

  public BigInteger fee() {
    return response.fee();
  }

  /**
   * The batch leaf for this receipt with {@code cumulativeFee} (the user's fees in the batch up to
   * and including it): keccak256(abi.encode(request struct hash, response struct hash,
   * keccak256(user signature), keccak256(provider signature), cumulativeFee)).
   */
  public Bytes32 leafHash(BigInteger cumulativeFee) {
    return InferenceTypedData.hashWords(
        List.of(
            InferenceTypedData.requestStructHash(request),
            InferenceTypedData.responseStructHash(response),
            Keccak.hash(userSignature),
            Keccak.hash(providerSignature),
            cumulativeFee));
  }

  /** The ReceiptLeaf tuple the contract takes in a challenge. */
  public List<Object> leafAbiValue(BigInteger cumulativeFee) {
    return List.of(
        request.abiValue(), response.abiValue(), userSignature, providerSignature, cumulativeFee);
  }

  /** The canonical bytes: abi.encode(request, response, userSignature, providerSignature). */
  public Bytes toBytes() {
    return AbiCodec.encode(
        ENCODING,
        List.of(request.abiValue(), response.abiValue(), userSignature, providerSignature));
  }

  public static InferenceReceipt fromBytes(Bytes encoded) {
    AbiValues v = AbiCodec.decode(ENCODING, encoded);
    InferenceReceipt r =
        new InferenceReceipt(
            InferenceRequest.fromAbi(v.tuple(0)),
            InferenceResponse.fromAbi(v.tuple(1)),
            v.bytes(2),
            v.bytes(3));
    if (!r.toBytes().equals(encoded))
      throw new IllegalArgumentException("not the canonical encoding of a receipt");
    return r;
  }

  public ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode q = o.putObject("request");
    q.put("user", request.user().toHex());
    q.put("provider", request.provider().toHex());
    q.put("requestHash", request.requestHash().toHex());
    q.put("maxFee", request.maxFee().toString());
    q.put("nonce", Long.toString(request.nonce()));
    q.put("deadline", Long.toString(request.deadline()));
    ObjectNode s = o.putObject("response");
    s.put("requestHash", response.requestHash().toHex());
    s.put("responseHash", response.responseHash().toHex());
    s.put("modelRoot", response.modelRoot().toHex());
    s.put("inputTokens", Long.toString(response.inputTokens()));
    s.put("outputTokens", Long.toString(response.outputTokens()));
    s.put("fee", response.fee().toString());
    s.put("user", response.user().toHex());
    s.put("nonce", Long.toString(response.nonce()));
    o.put("userSignature", userSignature.toHex());
    o.put("providerSignature", providerSignature.toHex());
    return o;
  }

  /** Reads {@link #toJson}'s form; throws IllegalArgumentException naming a missing field. */
  public static InferenceReceipt fromJson(JsonNode o) {
    JsonNode q = field(o, "request");
    JsonNode s = field(o, "response");
    return new InferenceReceipt(
        new InferenceRequest(
            Address.fromHex(text(q, "user")),
            Address.fromHex(text(q, "provider")),
            Bytes32.fromHex32(text(q, "requestHash")),
            new BigInteger(text(q, "maxFee")),
            Long.parseLong(text(q, "nonce")),
            Long.parseLong(text(q, "deadline"))),
        new InferenceResponse(
            Bytes32.fromHex32(text(s, "requestHash")),
            Bytes32.fromHex32(text(s, "responseHash")),
            Bytes32.fromHex32(text(s, "modelRoot")),
            Long.parseLong(text(s, "inputTokens")),
            Long.parseLong(text(s, "outputTokens")),
            new BigInteger(text(s, "fee")),
            Address.fromHex(text(s, "user")),
            Long.parseLong(text(s, "nonce"))),
        Bytes.fromHex(text(o, "userSignature")),
        Bytes.fromHex(text(o, "providerSignature")));
  }

  private static JsonNode field(JsonNode o, String name) {
    JsonNode n = o.get(name);
    if (n == null || n.isNull()) throw new IllegalArgumentException("receipt has no " + name);
    return n;
  }

  private static String text(JsonNode o, String name) {
    return field(o, name).asText();
  }
}

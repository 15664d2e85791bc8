package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EIP-712 digests the InferenceMarket contract checks, computed as it computes them: domain
 * "Levity Inference", version "1", the chain id and the market's address. {@code
 * InferenceTypedDataTest} checks them against the contract's own digest functions.
 */
public final class InferenceTypedData {
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";
  public static final String DOMAIN_NAME = "Levity Inference";
  public static final String DOMAIN_VERSION = "1";
  public static final String REQUEST_TYPE =
      "Request(address user,address provider,bytes32 requestHash,uint256 maxFee,uint256 nonce,"
          + "uint256 deadline)";
  public static final String RESPONSE_TYPE =
      "Response(bytes32 requestHash,bytes32 responseHash,bytes32 modelRoot,uint32 inputTokens,"
          + "uint32 outputTokens,uint256 fee,address user,uint256 nonce)";

  private static final AbiType WORD = new AbiType.FixedBytes(32);
  private static final AbiType UINT = new AbiType.Int(256, false);

  /** The domain a digest is for: a chain and a market contract. */
  public record Domain(long chainId, Address market) {
    public Bytes32 separator() {
      return hashWords(
          List.of(
              typeHash(DOMAIN_TYPE),
              typeHash(DOMAIN_NAME),
              typeHash(DOMAIN_VERSION),
              BigInteger.valueOf(chainId),
              market));
    }
  }

  private InferenceTypedData() {}

  public static Bytes32 typeHash(String type) {
    return Keccak.hash(type.getBytes(StandardCharsets.UTF_8));
  }

  public static Bytes32 requestStructHash(InferenceRequest r) {
    return structHash(REQUEST_TYPE, r.abiValue());
  }

  public static Bytes32 responseStructHash(InferenceResponse r) {
    return structHash(RESPONSE_TYPE, r.abiValue());
  }

  /** What the user signs. */
  public static Bytes32 requestDigest(Domain domain, InferenceRequest r) {
    return digest(domain, requestStructHash(r));
  }

  /** What the provider's signer signs. */
  public static Bytes32 responseDigest(Domain domain, InferenceResponse r) {
    return digest(domain, responseStructHash(r));
  }

  /** The 65-byte signature r || s || v (v 27 or 28) the contract takes. */
  public static Bytes sign(Secp256k1.KeyPair key, Bytes32 digest) {
    byte[] sig = key.sign(digest.toArray()).toBytes65();
    sig[64] = (byte) (sig[64] + 27);
    return Bytes.wrap(sig);
  }

  /**
   * Who signed {@code digest}, by the contract's rule (65 bytes, v 27/28 or 0/1, low s), or empty
   * when the signature does not recover under it.
   */
  public static Optional<Address> recover(Bytes32 digest, Bytes signature) {
    if (signature.size() != 65) return Optional.empty();
    byte[] sig = signature.toArray();
    int v = sig[64] & 0xff;
    if (v >= 27) sig[64] = (byte) (v - 27);
    try {
      Signature s = Signature.fromBytes65(sig);
      if (!s.isLowS()) return Optional.empty();
      return Secp256k1.recoverAddress(digest.toArray(), s);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Bytes32 digest(Domain domain, Bytes32 structHash) {
    return Keccak.hash(
        Bytes.concat(Bytes.of((byte) 0x19, (byte) 0x01), domain.separator(), structHash));
  }

  private static Bytes32 structHash(String type, List<Object> fields) {
    List<Object> words = new ArrayList<>(fields.size() + 1);
    words.add(typeHash(type));
    words.addAll(fields);
    return hashWords(words);
  }

  /** keccak256(abi.encode(values)) for one-word values: bytes32, address and unsigned integers. */
  static Bytes32 hashWords(List<?> values) {
    List<AbiType> types = new ArrayList<>(values.size());
    for (Object v : values)
      types.add(
          switch (v) {
            case Address a -> AbiType.Simple.ADDRESS;
            case Bytes32 w -> WORD;
            default -> UINT;
          });
    return Keccak.hash(AbiCodec.encode(types, values));
  }
}

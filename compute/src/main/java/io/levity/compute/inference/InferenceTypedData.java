package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.abi.Eip712;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EIP-712 digests the InferenceMarket contract checks, computed as it computes them: domain
 * "Levity Inference", version "1", the chain id and the market's address. {@code
 * InferenceTypedDataTest} checks them against the contract's own digest functions.
 */
public final class InferenceTypedData {
  public static final String DOMAIN_TYPE = Eip712.DOMAIN_TYPE;
  public static final String DOMAIN_NAME = "Levity Inference";
  public static final String DOMAIN_VERSION = "1";
  public static final String REQUEST_TYPE =
      "Request(address user,address provider,bytes32 requestHash,uint256 maxFee,uint256 nonce,"
          + "uint256 deadline)";
  public static final String RESPONSE_TYPE =
      "Response(bytes32 requestHash,bytes32 responseHash,bytes32 modelRoot,uint32 inputTokens,"
          + "uint32 outputTokens,uint256 fee,address user,uint256 nonce)";

  /** The domain a digest is for: a chain and a market contract. */
  public record Domain(long chainId, Address market) {
    public Bytes32 separator() {
      return Eip712.domainSeparator(DOMAIN_NAME, DOMAIN_VERSION, chainId, market);
    }
  }

  private InferenceTypedData() {}

  public static Bytes32 typeHash(String type) {
    return Eip712.typeHash(type);
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
    return Eip712.sign(key, digest);
  }

  /**
   * Who signed {@code digest}, by the contract's rule (65 bytes, v 27/28 or 0/1, low s), or empty
   * when the signature does not recover under it.
   */
  public static Optional<Address> recover(Bytes32 digest, Bytes signature) {
    return Eip712.recover(digest, signature);
  }

  private static Bytes32 digest(Domain domain, Bytes32 structHash) {
    return Eip712.digest(domain.separator(), structHash);
  }

  private static Bytes32 structHash(String type, List<Object> fields) {
    List<Object> words = new ArrayList<>(fields.size() + 1);
    words.add(typeHash(type));
    words.addAll(fields);
    return hashWords(words);
  }

  /** keccak256(abi.encode(values)) for one-word values: bytes32, address and unsigned integers. */
  static Bytes32 hashWords(List<?> values) {
    return Eip712.hashWords(values);
  }
}

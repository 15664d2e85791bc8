package io.levity.sdk.abi;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EIP-712 as Levity's contracts use it: type hashes, the domain separator of (name, version, chain
 * id, verifying contract), the digest a key signs, and 65-byte r || s || v signatures with the
 * contracts' recovery rule (v 27/28 or 0/1, low s only). Each contract's typed data (iNFT proofs,
 * market orders, inference requests) builds on these.
 */
public final class Eip712 {
  public static final String DOMAIN_TYPE =
      "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)";

  private static final AbiType WORD = new AbiType.FixedBytes(32);
  private static final AbiType UINT = new AbiType.Int(256, false);

  private Eip712() {}

  /** keccak256 of a type string (or of any UTF-8 string, as EIP-712 hashes string members). */
  public static Bytes32 typeHash(String type) {
    return Keccak.hash(type.getBytes(StandardCharsets.UTF_8));
  }

  /** The separator of domain (name, version, chainId, verifyingContract). */
  public static Bytes32 domainSeparator(
      String name, String version, long chainId, Address verifyingContract) {
    return hashWords(
        List.of(
            typeHash(DOMAIN_TYPE),
            typeHash(name),
            typeHash(version),
            BigInteger.valueOf(chainId),
            verifyingContract));
  }

  /** keccak256(0x19 0x01 || domainSeparator || structHash): what a key signs. */
  public static Bytes32 digest(Bytes32 domainSeparator, Bytes32 structHash) {
    return Keccak.hash(
        Bytes.concat(Bytes.of((byte) 0x19, (byte) 0x01), domainSeparator, structHash));
  }

  /** keccak256(abi.encode(values)) for one-word values: bytes32, address and unsigned integers. */
  public static Bytes32 hashWords(List<?> values) {
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

  /** The 65-byte signature r || s || v (v 27 or 28) the contracts take. */
  public static Bytes sign(Secp256k1.KeyPair key, Bytes32 digest) {
    byte[] sig = key.sign(digest.toArray()).toBytes65();
    sig[64] = (byte) (sig[64] + 27);
    return Bytes.wrap(sig);
  }

  /**
   * Who signed {@code digest} with a 65-byte r || s || v signature (v 27/28 or 0/1, low s only), or
   * empty when it does not recover: the contracts' rule, for checks made off chain.
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
}

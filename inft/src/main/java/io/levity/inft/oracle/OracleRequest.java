package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.InftTypedData;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed request to the oracle. Every action shares the shape; unused fields are zero or empty.
 * The signer signs {@link #digest} (65 bytes r || s || v, as the contracts take): it binds the
 * action, the chain, the AgentNFT contract, the token, the receiver, the items, the input, a nonce
 * the oracle never accepts twice from a signer, and a deadline (Unix seconds).
 *
 * @param to for TRANSFER and CLONE, the receiver; for EXECUTE, the executor
 * @param roots for MINT and UPDATE, the new ciphertexts' storage roots; for EXECUTE, the token's
 *     current data hashes
 * @param sealedKeys for MINT and UPDATE, each root's data key sealed to the oracle's encryption key
 * @param input for USE, what the agent runs on
 */
public record OracleRequest(
    Action action,
    Address signer,
    BigInteger tokenId,
    Address to,
    List<Bytes32> roots,
    List<Bytes> sealedKeys,
    Bytes input,
    Bytes32 nonce,
    long deadline,
    Bytes signature) {
  /** What the signer asks for. */
  public enum Action {
    MINT,
    UPDATE,
    TRANSFER,
    CLONE,
    OPEN,
    USE,
    /** Hand the agent to the executor {@code to} to run for the signer (roots: its data hashes). */
    EXECUTE
  }

  static final Bytes32 TAG =
      Keccak.hash("levity.inft.oracle-request.v1".getBytes(StandardCharsets.US_ASCII));
  private static final AbiType WORD = new AbiType.FixedBytes(32);
  private static final AbiType UINT = new AbiType.Int(256, false);

  public OracleRequest {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(to, "to");
    roots = List.copyOf(roots);
    sealedKeys = List.copyOf(sealedKeys);
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(signature, "signature");
  }

  /** An unsigned request from {@code key}'s address; sign it with {@link #signedBy}. */
  public static OracleRequest of(
      Action action,
      Secp256k1.KeyPair key,
      BigInteger tokenId,
      Address to,
      List<Bytes32> roots,
      List<Bytes> sealedKeys,
      Bytes input,
      Bytes32 nonce,
      long deadline) {
    return new OracleRequest(
        action, key.address(), tokenId, to, roots, sealedKeys, input, nonce, deadline, Bytes.EMPTY);
  }

  /** This request with {@code key}'s signature for {@code chainId} and {@code nft}. */
  public OracleRequest signedBy(Secp256k1.KeyPair key, long chainId, Address nft) {
    return new OracleRequest(
        action,
        signer,
        tokenId,
        to,
        roots,
        sealedKeys,
        input,
        nonce,
        deadline,
        InftTypedData.sign(key, digest(chainId, nft)));
  }

  /** The hash the signer signs. */
  public Bytes32 digest(long chainId, Address nft) {
    Bytes[] sealedHashes = sealedKeys.stream().map(Keccak::hash).toArray(Bytes[]::new);
    List<Object> values =
        List.of(
            TAG,
            Keccak.hash(action.name().getBytes(StandardCharsets.US_ASCII)),
            BigInteger.valueOf(chainId),
            nft,
            signer,
            tokenId,
            to,
            Keccak.hash(Bytes.concat(roots.toArray(Bytes[]::new))),
            Keccak.hash(Bytes.concat(sealedHashes)),
            Keccak.hash(input),
            nonce,
            BigInteger.valueOf(deadline));
    List<AbiType> types =
        List.of(
            WORD,
            WORD,
            UINT,
            AbiType.Simple.ADDRESS,
            AbiType.Simple.ADDRESS,
            UINT,
            AbiType.Simple.ADDRESS,
            WORD,
            WORD,
            WORD,
            WORD,
            UINT);
    return Keccak.hash(AbiCodec.encode(types, values));
  }

  /** Who signed, if the signature recovers. */
  Optional<Address> recoverSigner(long chainId, Address nft) {
    return InftTypedData.recover(digest(chainId, nft), signature);
  }
}

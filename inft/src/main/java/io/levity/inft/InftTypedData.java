package io.levity.inft;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.abi.Eip712;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The EIP-712 digests the iNFT contracts check, computed exactly as they compute them (the type
 * strings are the contracts'; {@code InftTypedDataTest} checks the type hashes against the deployed
 * constants). The proofs live in the AgentNFT contract's domain ("Levity iNFT", version 1), the
 * orders in the AgentMarket's ("Levity AgentMarket", version 1).
 */
public final class InftTypedData {
  public static final String DOMAIN_TYPE = Eip712.DOMAIN_TYPE;
  public static final String NFT_DOMAIN_NAME = "Levity iNFT";
  public static final String MARKET_DOMAIN_NAME = "Levity AgentMarket";
  public static final String ACCESS_TYPE =
      "AccessProof(uint256 tokenId,address from,address to,bytes32 oldDataHash,bytes32 newDataHash,"
          + "bytes sealedKey,bytes encryptedPubKey,bytes nonce,uint256 deadline)";
  public static final String OWNERSHIP_TYPE =
      "OwnershipProof(uint8 oracleType,uint256 tokenId,address from,address to,bytes32 oldDataHash,"
          + "bytes32 newDataHash,bytes sealedKey,bytes encryptedPubKey,bytes nonce,uint256 deadline)";
  public static final String DATA_STORED_TYPE =
      "DataStored(uint256 tokenId,address owner,bytes32[] oldDataHashes,bytes32[] newDataHashes,"
          + "bytes nonce,uint256 deadline)";
  public static final String LISTING_TYPE =
      "Listing(address seller,address nft,uint256 tokenId,uint256 price,address buyer,"
          + "uint256 nonce,uint256 expiry)";
  public static final String OFFER_TYPE =
      "Offer(address buyer,address nft,uint256 tokenId,uint256 price,address seller,"
          + "uint256 nonce,uint256 expiry)";

  /** SoftwareAttestation's POSSESSION_TAG. */
  public static final Bytes32 SOFTWARE_ATTESTATION_TAG =
      typeHash("levity.inft.software-attestation.v1");

  private InftTypedData() {}

  public static Bytes32 typeHash(String type) {
    return Eip712.typeHash(type);
  }

  /** The domain separator of {@code name} (version "1") at {@code verifyingContract}. */
  public static Bytes32 domainSeparator(String name, long chainId, Address verifyingContract) {
    return Eip712.domainSeparator(name, "1", chainId, verifyingContract);
  }

  /** What the receiver (or its assistant) signs; {@code sealedKey} is the pair's ownership one. */
  public static Bytes32 accessDigest(TransferBinding b, AccessProof a, Bytes sealedKey) {
    return digest(
        domainSeparator(NFT_DOMAIN_NAME, b.chainId(), b.nft()),
        hashWords(
            List.of(
                typeHash(ACCESS_TYPE),
                b.tokenId(),
                b.from(),
                b.to(),
                a.oldDataHash(),
                a.newDataHash(),
                Keccak.hash(sealedKey),
                Keccak.hash(a.encryptedPubKey()),
                Keccak.hash(a.nonce()),
                BigInteger.valueOf(a.deadline()))));
  }

  /** What a registered oracle signs for a transfer or clone. */
  public static Bytes32 ownershipDigest(TransferBinding b, OwnershipProof o) {
    return digest(
        domainSeparator(NFT_DOMAIN_NAME, b.chainId(), b.nft()),
        hashWords(
            List.of(
                typeHash(OWNERSHIP_TYPE),
                BigInteger.valueOf(o.oracleType()),
                b.tokenId(),
                b.from(),
                b.to(),
                o.oldDataHash(),
                o.newDataHash(),
                Keccak.hash(o.sealedKey()),
                Keccak.hash(o.encryptedPubKey()),
                Keccak.hash(o.nonce()),
                BigInteger.valueOf(o.deadline()))));
  }

  /**
   * What a registered oracle signs for a mint ({@code tokenId} 0, no old hashes, {@code owner} the
   * minter) or an update of {@code tokenId} by its owner.
   */
  public static Bytes32 dataStoredDigest(
      long chainId,
      Address nft,
      BigInteger tokenId,
      Address owner,
      List<Bytes32> oldDataHashes,
      List<Bytes32> newDataHashes,
      Bytes nonce,
      long deadline) {
    return digest(
        domainSeparator(NFT_DOMAIN_NAME, chainId, nft),
        hashWords(
            List.of(
                typeHash(DATA_STORED_TYPE),
                tokenId,
                owner,
                packedHash(oldDataHashes),
                packedHash(newDataHashes),
                Keccak.hash(nonce),
                BigInteger.valueOf(deadline))));
  }

  /** What a seller signs to list (when {@code listing}) or a buyer signs to offer. */
  public static Bytes32 orderDigest(
      long chainId, Address market, MarketOrder order, boolean listing) {
    List<Object> words = new ArrayList<>();
    words.add(typeHash(listing ? LISTING_TYPE : OFFER_TYPE));
    words.addAll(order.abiValue());
    return digest(domainSeparator(MARKET_DOMAIN_NAME, chainId, market), hashWords(words));
  }

  /** The hash an oracle key signs as its SoftwareAttestation evidence. */
  public static Bytes32 softwareAttestationHash(long chainId, Address registry, Address oracle) {
    return hashWords(
        List.of(SOFTWARE_ATTESTATION_TAG, BigInteger.valueOf(chainId), registry, oracle));
  }

  /** The 65-byte signature r || s || v (v 27 or 28) the contracts take. */
  public static Bytes sign(Secp256k1.KeyPair key, Bytes32 hash) {
    return Eip712.sign(key, hash);
  }

  /**
   * Who signed {@code hash} with a 65-byte r || s || v signature (v 27/28 or 0/1, low s only), or
   * empty when it does not recover: the contracts' rule, for checks made off chain.
   */
  public static Optional<Address> recover(Bytes32 hash, Bytes signature) {
    return Eip712.recover(hash, signature);
  }

  static Bytes32 digest(Bytes32 domainSeparator, Bytes32 structHash) {
    return Eip712.digest(domainSeparator, structHash);
  }

  /** keccak256 of abi.encodePacked(bytes32[]): the EIP-712 encoding of an array of words. */
  private static Bytes32 packedHash(List<Bytes32> words) {
    return Keccak.hash(Bytes.concat(words.toArray(Bytes[]::new)));
  }

  /** keccak256(abi.encode(values)) for one-word values (bytes32, uint256, address). */
  private static Bytes32 hashWords(List<?> values) {
    return Eip712.hashWords(values);
  }
}

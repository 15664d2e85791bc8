package io.levity.inft;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.sdk.abi.AbiFunction;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The iNFT contracts deployed on an {@link InftChain} the way a devnet would: a registry that
 * accepts the software attestation and admits one oracle, the verifier, an AgentNFT and a market
 * with a 2.5% fee; plus funded users and helpers that mint and build proofs.
 */
final class InftFixture {
  static final int FEE_BPS = 250;

  final InftChain chain = new InftChain();
  final Secp256k1.KeyPair admin = key(1);
  final Secp256k1.KeyPair oracle = key(2);
  final Secp256k1.KeyPair alice = key(3);
  final Secp256k1.KeyPair bob = key(4);
  final Secp256k1.KeyPair carol = key(5);
  final Address feeRecipient = Address.fromHex("0xfee0000000000000000000000000000000000001");
  final Address registry;
  final Address software;
  final Address verifier;
  final Address nft;
  final Address market;
  private long nonceCounter;

  InftFixture() {
    for (Secp256k1.KeyPair k : List.of(admin, oracle, alice, bob, carol))
      chain.fund(k.address(), UInt256.valueOf(BigInteger.TEN.pow(21)));
    Address a = admin.address();
    registry =
        chain.deploy(
            a,
            InftContract.ORACLE_REGISTRY.deployment(
                InftAbi.constructorArguments(InftAbi.REGISTRY_CONSTRUCTOR, a)));
    software = chain.deploy(a, InftContract.SOFTWARE_ATTESTATION.creationCode());
    verifier =
        chain.deploy(
            a,
            InftContract.DATA_VERIFIER.deployment(
                InftAbi.constructorArguments(InftAbi.VERIFIER_CONSTRUCTOR, registry)));
    nft = deployNft();
    market =
        chain.deploy(
            a,
            InftContract.AGENT_MARKET.deployment(
                InftAbi.constructorArguments(
                    InftAbi.MARKET_CONSTRUCTOR, a, FEE_BPS, feeRecipient)));
    ok(send(admin, registry, InftAbi.SET_CHECKER_ACCEPTED.encodeCall(software, true)));
    ok(registerOracle(oracle));
  }

  static Secp256k1.KeyPair key(int n) {
    return Secp256k1.KeyPair.fromPrivate(Bytes32.leftPad(Bytes.of((byte) 0x10, (byte) n)));
  }

  /** Another AgentNFT sharing the verifier and registry. */
  Address deployNft() {
    return chain.deploy(
        admin.address(),
        InftContract.AGENT_NFT.deployment(
            InftAbi.constructorArguments(
                InftAbi.NFT_CONSTRUCTOR, "Levity Agents", "AGENT", verifier)));
  }

  InftChain.Receipt registerOracle(Secp256k1.KeyPair key) {
    Bytes evidence =
        InftTypedData.sign(
            key, InftTypedData.softwareAttestationHash(chain.chainId, registry, key.address()));
    return send(
        admin, registry, InftAbi.REGISTER_ORACLE.encodeCall(key.address(), software, evidence));
  }

  InftChain.Receipt send(Secp256k1.KeyPair from, Address to, Bytes data) {
    return chain.call(from.address(), to, data);
  }

  static InftChain.Receipt ok(InftChain.Receipt r) {
    assertThat(r.ok()).as(r.describe()).isTrue();
    return r;
  }

  /** Asserts the call reverted with the custom error {@code name}. */
  static void reverts(InftChain.Receipt r, String name) {
    assertThat(r.ok()).as("expected " + name + " but the call succeeded").isFalse();
    assertThat(r.error()).as(r.describe()).contains(name);
  }

  Bytes nonce() {
    return Bytes.wrap(Keccak.hash256(("nonce " + nonceCounter++).getBytes(StandardCharsets.UTF_8)));
  }

  static Bytes32 hash(String content) {
    return Keccak.hash(content.getBytes(StandardCharsets.UTF_8));
  }

  static List<IntelligentData> agentData(String name, int items) {
    List<IntelligentData> out = new ArrayList<>();
    for (int i = 0; i < items; i++)
      out.add(new IntelligentData(name + " part " + i, hash(name + " ciphertext " + i)));
    return out;
  }

  DataProof dataProof(
      Address nftAddress,
      BigInteger tokenId,
      Address owner,
      List<Bytes32> oldHashes,
      List<Bytes32> newHashes,
      Secp256k1.KeyPair signer) {
    Bytes nonce = nonce();
    long deadline = chain.timestamp + 600;
    Bytes32 digest =
        InftTypedData.dataStoredDigest(
            chain.chainId, nftAddress, tokenId, owner, oldHashes, newHashes, nonce, deadline);
    return new DataProof(nonce, deadline, InftTypedData.sign(signer, digest));
  }

  InftChain.Receipt tryMint(
      Address nftAddress, Secp256k1.KeyPair owner, List<IntelligentData> datas, int royaltyBps) {
    DataProof proof =
        dataProof(nftAddress, BigInteger.ZERO, owner.address(), List.of(), hashesOf(datas), oracle);
    return send(owner, nftAddress, InftAbi.mint(datas, royaltyBps, proof));
  }

  BigInteger mint(Secp256k1.KeyPair owner, List<IntelligentData> datas, int royaltyBps) {
    return mint(nft, owner, datas, royaltyBps);
  }

  BigInteger mint(
      Address nftAddress, Secp256k1.KeyPair owner, List<IntelligentData> datas, int royaltyBps) {
    InftChain.Receipt r = ok(tryMint(nftAddress, owner, datas, royaltyBps));
    return InftAbi.MINT.decodeReturn(r.output()).bigInteger(0);
  }

  static List<Bytes32> hashesOf(List<IntelligentData> datas) {
    return datas.stream().map(IntelligentData::dataHash).toList();
  }

  List<Bytes32> dataHashes(Address nftAddress, BigInteger tokenId) {
    return words(chain.view(nftAddress, InftAbi.DATA_HASHES_OF, tokenId).list(0));
  }

  List<Bytes32> history(BigInteger tokenId) {
    return words(chain.view(nft, InftAbi.DATA_HASH_HISTORY_OF, tokenId).list(0));
  }

  Address ownerOf(BigInteger tokenId) {
    return chain.view(nft, InftAbi.OWNER_OF, tokenId).address(0);
  }

  /** The first value a view of the AgentNFT returns. */
  Object view(AbiFunction f, Object... args) {
    return chain.view(nft, f, args).get(0);
  }

  /**
   * An honest plan for moving {@code tokenId} of {@code nftAddress} from {@code from} to {@code
   * to}: the receiver signs its access, the oracle its ownership, fresh data hashes, ten minutes.
   */
  ProofPlan plan(
      Address nftAddress, BigInteger tokenId, Secp256k1.KeyPair from, Secp256k1.KeyPair to) {
    ProofPlan p = new ProofPlan(this::nonce);
    p.binding =
        new TransferBinding(chain.chainId, nftAddress, tokenId, from.address(), to.address());
    p.oldHashes = dataHashes(nftAddress, tokenId);
    p.newHashes =
        p.oldHashes.stream().map(h -> hash("re-encrypted " + h + " for " + to.address())).toList();
    p.accessSigner = to;
    p.oracle = oracle;
    p.accessPubKey = Bytes.wrap(to.publicKey());
    p.ownershipPubKey = p.accessPubKey;
    p.accessDeadline = chain.timestamp + 600;
    p.ownershipDeadline = p.accessDeadline;
    return p;
  }

  ProofPlan plan(BigInteger tokenId, Secp256k1.KeyPair from, Secp256k1.KeyPair to) {
    return plan(nft, tokenId, from, to);
  }

  /** A market order for {@code tokenId} of the fixture's AgentNFT, valid for an hour. */
  MarketOrder order(
      Secp256k1.KeyPair maker, BigInteger tokenId, BigInteger price, Address taker, long nonce) {
    return new MarketOrder(
        maker.address(),
        nft,
        tokenId,
        price,
        taker,
        BigInteger.valueOf(nonce),
        chain.timestamp + 3600);
  }

  /** {@code key}'s signature of {@code order} as a listing or as an offer. */
  Bytes signOrder(Secp256k1.KeyPair key, MarketOrder order, boolean listing) {
    return InftTypedData.sign(
        key, InftTypedData.orderDigest(chain.chainId, market, order, listing));
  }

  static List<Bytes32> words(List<Object> values) {
    return values.stream().map(v -> Bytes32.leftPad((Bytes) v)).toList();
  }
}

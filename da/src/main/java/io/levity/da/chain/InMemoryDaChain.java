package io.levity.da.chain;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.chain.DaRules.Refusal;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DaChain} held in memory with the DataAvailability contract's rules, for unit tests of
 * the node and client and for in-process runs. Thread-safe (every method is synchronized).
 *
 * <p>Rules, as the contract's: a registration needs at least the minimum stake, a proof of
 * possession over {@link DaMessages#popMessage}, an endpoint of at most {@link
 * DaRules#MAX_ENDPOINT_BYTES} and one node per operator; the node's index is its registration order
 * and it is active from the next epoch. A certificate's epoch must be the current one or the one
 * before; every set bit must be a node active in it; the signers' stake must meet {@link
 * Quorum#meetsThreshold} (and be positive); the aggregate must pass {@link Bls#verifyAggregate}
 * with the G1 half summed from the bitmap (the certificate's own G1 half is ignored).
 *
 * <p>The epoch starts at 0 and moves only with {@link #advanceEpoch()}; the seed of epoch e is
 * {@code keccak256(uint64_be(e) || seed)}. {@link #register(BlsKeyPair, String, BigInteger)} uses
 * the operator {@link #operatorOf} derives from the key (this chain has no accounts).
 */
public final class InMemoryDaChain implements DaChain {
  /** Where the in-memory contract "is": part of every signed message. */
  public static final Address DEFAULT_CONTRACT =
      Address.fromHex("0x00000000000000000000000000000000000000da");

  private final long chainId;
  private final Address contract;
  private final long epochBlocks;
  private final int thresholdBps;
  private final BigInteger minStake;
  private final Bytes32 seed;
  private final List<DaNodeRecord> nodes = new ArrayList<>();
  private final Map<Bytes32, CertifiedBlob> certified = new LinkedHashMap<>();
  private final Map<Bytes32, DaCertificate> certificates = new LinkedHashMap<>();
  private long epoch;
  private long transactions;

  /** Chain 1337, {@link #DEFAULT_CONTRACT}, 10-block epochs, 2/3, a 1 wei minimum, seed 0. */
  public InMemoryDaChain() {
    this(1337, DEFAULT_CONTRACT, 10, DaRules.DEFAULT_THRESHOLD_BPS, BigInteger.ONE, Bytes32.ZERO);
  }

  public InMemoryDaChain(
      long chainId,
      Address contract,
      long epochBlocks,
      int thresholdBps,
      BigInteger minStake,
      Bytes32 seed) {
    if (epochBlocks < 1) throw new IllegalArgumentException("epochBlocks must be positive");
    if (thresholdBps < 1 || thresholdBps > 10_000)
      throw new IllegalArgumentException("thresholdBps must be in [1, 10000]: " + thresholdBps);
    if (minStake.signum() <= 0) throw new IllegalArgumentException("minStake must be positive");
    this.chainId = chainId;
    this.contract = Objects.requireNonNull(contract, "contract");
    this.epochBlocks = epochBlocks;
    this.thresholdBps = thresholdBps;
    this.minStake = minStake;
    this.seed = Objects.requireNonNull(seed, "seed");
  }

  /** {@code keccak256(uint64_be(epoch) || seed)}: the epoch seed of this chain. */
  public static Bytes32 epochSeed(long epoch, Bytes32 seed) {
    byte[] in = new byte[40];
    for (int i = 0; i < 8; i++) in[i] = (byte) (epoch >>> (56 - 8 * i));
    System.arraycopy(seed.unsafeArray(), 0, in, 8, 32);
    return Keccak.hash(in);
  }

  /** The operator address {@link #register(BlsKeyPair, String, BigInteger)} uses for a key. */
  public static Address operatorOf(BlsPublicKey key) {
    Bytes32 h = Keccak.hash(key.g1());
    return Address.of(h.slice(12));
  }

  /** Moves to the next epoch; returns it. */
  public synchronized long advanceEpoch() {
    return ++epoch;
  }

  @Override
  public Address contract() {
    return contract;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  @Override
  public long epochBlocks() {
    return epochBlocks;
  }

  @Override
  public synchronized long currentEpoch() {
    return epoch;
  }

  @Override
  public synchronized Quorum quorum(long e) {
    if (e < 0 || e > epoch)
      throw new DaChainException("epoch " + e + " has not started (current " + epoch + ")");
    List<QuorumMember> members = new ArrayList<>();
    for (DaNodeRecord n : nodes) if (n.activeIn(e)) members.add(n.member());
    return new Quorum(e, epochSeed(e, seed), members, thresholdBps);
  }

  /** Every node ever registered, by index. */
  public synchronized List<DaNodeRecord> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public Bytes32 signingMessage(Bytes32 blobId, long e) {
    return DaMessages.signingMessage(chainId, contract, blobId, e);
  }

  /** The proof-of-possession message of {@code operator} for a key's G1 half. */
  public Bytes32 popMessage(Address operator, Bytes pkG1) {
    return DaMessages.popMessage(chainId, contract, operator, pkG1);
  }

  @Override
  public int register(BlsKeyPair key, String endpoint, BigInteger stake) {
    Address operator = operatorOf(key.publicKey());
    BlsSignature pop = Bls.provePossession(key, popMessage(operator, key.publicKey().g1()));
    return register(operator, key.publicKey(), pop, endpoint, stake);
  }

  /**
   * Registers {@code key} for {@code operator} with a proof of possession, as the contract does.
   */
  public synchronized int register(
      Address operator, BlsPublicKey key, BlsSignature pop, String endpoint, BigInteger stake) {
    Objects.requireNonNull(operator, "operator");
    if (stake.compareTo(minStake) < 0)
      throw new DaChainException("StakeTooLow(" + stake + ", " + minStake + ")");
    int endpointBytes = endpoint.getBytes(StandardCharsets.UTF_8).length;
    if (endpointBytes == 0 || endpointBytes > DaRules.MAX_ENDPOINT_BYTES)
      throw new DaChainException(
          "BadEndpoint(" + endpointBytes + ", " + DaRules.MAX_ENDPOINT_BYTES + ")");
    if (nodes.size() >= DaRules.MAX_NODES) throw new DaChainException("TooManyNodes()");
    for (DaNodeRecord n : nodes)
      if (n.operator().equals(operator))
        throw new DaChainException("AlreadyRegistered(" + operator + ")");
    if (!Bls.verifyPossession(key, popMessage(operator, key.g1()), pop))
      throw new DaChainException("BadPossessionProof(" + operator + ")");
    int index = nodes.size();
    nodes.add(
        new DaNodeRecord(
            index, operator, stake, key, endpoint, epoch + 1, DaNodeRecord.NOT_EXITED));
    return index;
  }

  /** {@code operator}'s node leaves the quorums from the next epoch. */
  public synchronized void exit(Address operator) {
    DaNodeRecord n = nodeOf(operator);
    if (n.exited()) throw new DaChainException("AlreadyExited(" + operator + ")");
    nodes.set(
        n.index(),
        new DaNodeRecord(
            n.index(),
            n.operator(),
            n.stake(),
            n.key(),
            n.endpoint(),
            n.activationEpoch(),
            epoch + 1));
  }

  private DaNodeRecord nodeOf(Address operator) {
    for (DaNodeRecord n : nodes) if (n.operator().equals(operator)) return n;
    throw new DaChainException("NotRegistered(" + operator + ")");
  }

  @Override
  public synchronized Bytes32 certify(DaCertificate c) {
    Optional<Refusal> refusal = check(c);
    if (refusal.isPresent())
      throw new DaChainException(
          "certify "
              + c.blobId()
              + " refused: "
              + refusal.get().error()
              + " (epoch "
              + c.epoch()
              + ", signers "
              + c.signers().toString(16)
              + ")");
    long block = epoch * epochBlocks;
    Bytes32 tx =
        Keccak.hash(
            Bytes.concat(c.blobId(), Bytes32.fromBigInteger(BigInteger.valueOf(++transactions))));
    certified.put(c.blobId(), new CertifiedBlob(c.blobId(), c.epoch(), c.signers(), block, tx));
    certificates.put(c.blobId(), c);
    return tx;
  }

  /**
   * As the contract's {@code checkDACert}: whether {@code c} is a valid certificate now; a blob
   * already certified still checks true (certify refuses it again).
   */
  @Override
  public synchronized boolean checkCertificate(DaCertificate c) {
    return checkSignatures(c).isEmpty();
  }

  /** Why the contract would refuse {@code c} now, or empty when it would certify it. */
  public synchronized Optional<Refusal> check(DaCertificate c) {
    if (certified.containsKey(c.blobId())) return Optional.of(Refusal.ALREADY_CERTIFIED);
    return checkSignatures(c);
  }

  private Optional<Refusal> checkSignatures(DaCertificate c) {
    if (c.epoch() != epoch && c.epoch() != epoch - 1) return Optional.of(Refusal.STALE_EPOCH);
    BigInteger bits = c.signers();
    if (bits.signum() < 0 || bits.bitLength() > DaRules.MAX_NODES)
      return Optional.of(Refusal.UNKNOWN_SIGNER);
    Quorum q = quorum(c.epoch());
    List<BlsPublicKey> keys = new ArrayList<>();
    for (int i = 0; i < bits.bitLength(); i++) {
      if (!bits.testBit(i)) continue;
      QuorumMember m = q.member(i);
      if (m == null) return Optional.of(Refusal.UNKNOWN_SIGNER);
      keys.add(m.key());
    }
    if (keys.isEmpty() || !q.meetsThreshold(bits)) return Optional.of(Refusal.UNDER_THRESHOLD);
    BlsPublicKey apk = new BlsPublicKey(Bls.aggregateKeys(keys).g1(), c.aggregateKey().g2());
    boolean valid;
    try {
      valid = Bls.verifyAggregate(apk, signingMessage(c.blobId(), c.epoch()), c.signature());
    } catch (IllegalArgumentException e) {
      valid = false;
    }
    return valid ? Optional.empty() : Optional.of(Refusal.BAD_SIGNATURE);
  }

  @Override
  public synchronized Optional<CertifiedBlob> certified(Bytes32 blobId) {
    return Optional.ofNullable(certified.get(blobId));
  }

  @Override
  public synchronized Optional<DaCertificate> certificate(Bytes32 blobId) {
    return Optional.ofNullable(certificates.get(blobId));
  }
}

package io.levity.da.chain;

import static io.levity.da.chain.DataAvailabilityContract.words;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DataAvailability contract deployed on a {@link DaEvm}, with operators whose BLS keys come from
 * seeds, and the certificates they sign.
 */
final class DaFixture {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final Address DEPLOYER = Address.fromHex("0x00000000000000000000000000000000000d0001");
  static final long EPOCH_BLOCKS = 10;

  final DaEvm evm = new DaEvm();
  final Address contract;
  final List<BlsKeyPair> keys = new ArrayList<>();
  final List<Address> operators = new ArrayList<>();

  DaFixture() {
    this(new DaParameters(EPOCH_BLOCKS, DaRules.DEFAULT_THRESHOLD_BPS, ETHER, 256, 2));
  }

  DaFixture(DaParameters parameters) {
    evm.fund(DEPLOYER, ETHER);
    contract = evm.deploy(DEPLOYER, DataAvailabilityContract.deployment(parameters));
  }

  static BlsKeyPair key(int i) {
    return Bls.fromSeed(Keccak.hash(("da-node-" + i).getBytes(StandardCharsets.UTF_8)));
  }

  static Address operator(int i) {
    return Address.of(Keccak.hash(("da-operator-" + i).getBytes(StandardCharsets.UTF_8)).slice(12));
  }

  Bytes32 popMessage(Address operator, Bytes pkG1) {
    return DaMessages.popMessage(DaEvm.CHAIN_ID, contract, operator, pkG1);
  }

  Bytes32 signingMessage(Bytes32 blobId, long epoch) {
    return DaMessages.signingMessage(DaEvm.CHAIN_ID, contract, blobId, epoch);
  }

  /** register's call data. */
  static Bytes registerCall(BlsPublicKey pk, BlsSignature pop, String endpoint) {
    return DataAvailabilityContract.REGISTER.encodeCall(
        words(pk.g1()), words(pk.g2()), words(pop.g1()), endpoint);
  }

  /** Sends register from {@code operator} with {@code stake}. */
  DaEvm.Outcome tryRegister(Address operator, BlsPublicKey pk, BlsSignature pop, BigInteger stake) {
    evm.fund(operator, stake.add(ETHER));
    return evm.call(operator, contract, stake, registerCall(pk, pop, "http://127.0.0.1:8900"));
  }

  /** Registers node {@code keys.size()} (key and operator from its number) with {@code stake}. */
  DaEvm.Outcome register(BigInteger stake) {
    int i = keys.size();
    BlsKeyPair k = key(i);
    Address op = operator(i);
    DaEvm.Outcome o =
        tryRegister(
            op, k.publicKey(), Bls.provePossession(k, popMessage(op, k.publicKey().g1())), stake);
    assertThat(o.ok()).as("register " + i + ": " + o.describe()).isTrue();
    keys.add(k);
    operators.add(op);
    return o;
  }

  /** Registers {@code n} nodes with {@code stake} each, then moves to the next epoch. */
  void registerAll(int n, BigInteger stake) {
    for (int i = 0; i < n; i++) register(stake);
    nextEpoch();
  }

  long epoch() {
    return evm.blockNumber() / EPOCH_BLOCKS;
  }

  /** Moves to the first block of the next epoch. */
  void nextEpoch() {
    evm.setBlock((epoch() + 1) * EPOCH_BLOCKS);
  }

  /** The certificate nodes {@code signers} sign for {@code blobId} in {@code epoch}. */
  DaCertificate certificate(Bytes32 blobId, long epoch, List<Integer> signers) {
    Bytes32 m = signingMessage(blobId, epoch);
    return sign(blobId, epoch, bitmap(signers), signers, m);
  }

  /** A certificate with the bitmap of {@code signers} but signed over {@code message}. */
  DaCertificate sign(
      Bytes32 blobId, long epoch, BigInteger bitmap, List<Integer> signers, Bytes32 message) {
    List<BlsSignature> sigs = new ArrayList<>();
    List<BlsPublicKey> pks = new ArrayList<>();
    for (int i : signers) {
      sigs.add(Bls.sign(keys.get(i).secret(), message));
      pks.add(keys.get(i).publicKey());
    }
    return new DaCertificate(
        blobId, epoch, bitmap, Bls.aggregateSignatures(sigs), Bls.aggregateKeys(pks));
  }

  static BigInteger bitmap(List<Integer> signers) {
    BigInteger b = BigInteger.ZERO;
    for (int i : signers) b = b.setBit(i);
    return b;
  }

  static List<Integer> range(int from, int to) {
    List<Integer> out = new ArrayList<>();
    for (int i = from; i < to; i++) out.add(i);
    return out;
  }

  static Bytes32 blob(String name) {
    return Keccak.hash(name.getBytes(StandardCharsets.UTF_8));
  }

  boolean check(DaCertificate c) {
    DaEvm.Outcome o = checkFrom(Address.ZERO, contract, c);
    assertThat(o.ok()).as("checkDACert must not revert: " + o.describe()).isTrue();
    return DataAvailabilityContract.CHECK_DA_CERT.decodeReturn(o.output()).bool(0);
  }

  DaEvm.Outcome checkFrom(Address from, Address to, DaCertificate c) {
    return evm.staticCall(
        from, to, DataAvailabilityContract.CHECK_DA_CERT.encodeCall(RpcDaChain.certificateArgs(c)));
  }

  DaEvm.Outcome certify(DaCertificate c) {
    return evm.call(
        DEPLOYER,
        contract,
        BigInteger.ZERO,
        DataAvailabilityContract.CERTIFY.encodeCall(RpcDaChain.certificateArgs(c)));
  }
}

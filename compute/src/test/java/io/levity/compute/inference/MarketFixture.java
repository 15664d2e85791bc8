package io.levity.compute.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A market on the in-process EVM with one provider account (its responses signed by a separate
 * key), two users, two auditors and a challenger, and helpers to sign receipts and settle them.
 */
final class MarketFixture {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static final long IN = 100;
  static final long OUT = 50;

  /** Two auditors' votes uphold a dispute; half the stake is slashed, half of it rewarded. */
  static final MarketParameters PARAMS =
      new MarketParameters(
          ETHER.multiply(BigInteger.TEN), ETHER, ETHER, 3600, 3600, 600, 300, 2, 5000, 5000, 2500);

  final InferenceChain chain = new InferenceChain();
  final Secp256k1.KeyPair admin = key(1);
  final Secp256k1.KeyPair provider = key(2);
  final Secp256k1.KeyPair signer = key(3);
  final Secp256k1.KeyPair alice = key(4);
  final Secp256k1.KeyPair bob = key(5);
  final Secp256k1.KeyPair auditor1 = key(6);
  final Secp256k1.KeyPair auditor2 = key(7);
  final Secp256k1.KeyPair challenger = key(8);
  final Address market;
  final InferenceService service =
      new InferenceService(
          ServiceType.CHAT,
          "levity-tiny",
          Keccak.hash(Bytes.wrap("model".getBytes(StandardCharsets.UTF_8))),
          GWEI,
          GWEI.multiply(BigInteger.valueOf(3)),
          "http://127.0.0.1:9000",
          signer.address(),
          true);

  MarketFixture() {
    for (Secp256k1.KeyPair k :
        List.of(admin, provider, signer, alice, bob, auditor1, auditor2, challenger))
      chain.fund(k.address(), UInt256.valueOf(ETHER.multiply(BigInteger.valueOf(1000))));
    market = chain.deploy(admin.address(), InferenceMarketContract.deployment(PARAMS));
  }

  static Secp256k1.KeyPair key(int n) {
    return Secp256k1.KeyPair.fromPrivate(Bytes32.leftPad(Bytes.of((byte) 0x20, (byte) n)));
  }

  static Secp256k1.KeyPair key(int hi, int lo) {
    return Secp256k1.KeyPair.fromPrivate(
        Bytes32.leftPad(Bytes.of((byte) 0x30, (byte) hi, (byte) lo)));
  }

  InferenceTypedData.Domain domain() {
    return new InferenceTypedData.Domain(chain.chainId, market);
  }

  InferenceChain.Outcome call(
      Secp256k1.KeyPair from, BigInteger value, AbiFunction f, Object... args) {
    return chain.call(from.address(), market, UInt256.valueOf(value), f.encodeCall(args));
  }

  InferenceChain.Outcome ok(
      Secp256k1.KeyPair from, BigInteger value, AbiFunction f, Object... args) {
    InferenceChain.Outcome o = call(from, value, f, args);
    assertThat(o.ok()).as(f.name() + ": " + o.describe()).isTrue();
    return o;
  }

  void reverts(
      String error, Secp256k1.KeyPair from, BigInteger value, AbiFunction f, Object... args) {
    InferenceChain.Outcome o = call(from, value, f, args);
    assertThat(o.error()).as(f.name() + ": " + o.describe()).contains(error);
  }

  AbiValues view(AbiFunction f, Object... args) {
    return chain.view(market, f, args);
  }

  void registerProvider() {
    ok(provider, PARAMS.minProviderStake(), InferenceMarketContract.REGISTER, service.abiValue());
  }

  void registerAuditors() {
    ok(auditor1, ETHER, InferenceMarketContract.REGISTER_AUDITOR);
    ok(auditor2, ETHER, InferenceMarketContract.REGISTER_AUDITOR);
  }

  /** Deposits {@code amount} for {@code user} and moves it to its sub-account with the provider. */
  void fundUser(Secp256k1.KeyPair user, BigInteger amount) {
    ok(user, amount, InferenceMarketContract.DEPOSIT);
    ok(user, BigInteger.ZERO, InferenceMarketContract.FUND, provider.address(), amount);
  }

  InferenceRequest request(Secp256k1.KeyPair user, long nonce) {
    return new InferenceRequest(
        user.address(),
        provider.address(),
        Keccak.hash(Bytes.wrap(("prompt " + nonce).getBytes(StandardCharsets.UTF_8))),
        GWEI.multiply(BigInteger.valueOf(1000)),
        nonce,
        chain.timestamp + 86_400);
  }

  InferenceResponse response(InferenceRequest q) {
    Bytes32 answer =
        Keccak.hash(Bytes.wrap(("answer " + q.nonce()).getBytes(StandardCharsets.UTF_8)));
    return InferenceResponse.answering(q, answer, service, IN, OUT);
  }

  /** A receipt signed by {@code user} and the provider's signer. */
  InferenceReceipt signed(Secp256k1.KeyPair user, InferenceRequest q, InferenceResponse r) {
    return new InferenceReceipt(
        q,
        r,
        InferenceTypedData.sign(user, InferenceTypedData.requestDigest(domain(), q)),
        InferenceTypedData.sign(signer, InferenceTypedData.responseDigest(domain(), r)));
  }

  InferenceReceipt receipt(Secp256k1.KeyPair user, long nonce) {
    InferenceRequest q = request(user, nonce);
    return signed(user, q, response(q));
  }

  /** Receipts with nonces {@code first .. first + count - 1} for {@code user}. */
  List<InferenceReceipt> receipts(Secp256k1.KeyPair user, long first, int count) {
    List<InferenceReceipt> out = new ArrayList<>();
    for (int i = 0; i < count; i++) out.add(receipt(user, first + i));
    return out;
  }

  static List<Object> totals(ReceiptBatch batch) {
    return batch.totals().stream().map(t -> (Object) t.abiValue()).toList();
  }

  InferenceChain.Outcome trySubmit(ReceiptBatch batch) {
    return call(
        provider,
        BigInteger.ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        batch.root(),
        batch.size(),
        totals(batch));
  }

  BigInteger submit(ReceiptBatch batch) {
    InferenceChain.Outcome o = trySubmit(batch);
    assertThat(o.ok()).as("submitBatch: " + o.describe()).isTrue();
    return o.event(InferenceMarketContract.BATCH_SUBMITTED).orElseThrow().bigInteger(0);
  }

  BigInteger submit(ForgedBatch batch) {
    InferenceChain.Outcome o =
        ok(
            provider,
            BigInteger.ZERO,
            InferenceMarketContract.SUBMIT_BATCH,
            batch.tree().root(),
            batch.receipts().size(),
            batch.totalsAbi());
    return o.event(InferenceMarketContract.BATCH_SUBMITTED).orElseThrow().bigInteger(0);
  }

  BigInteger fee() {
    return service.fee(IN, OUT);
  }

  InferenceChain.Outcome challenge(BigInteger batchId, ReceiptBatch.LeafProof p) {
    return call(
        challenger,
        PARAMS.challengeBond(),
        InferenceMarketContract.CHALLENGE,
        batchId,
        p.abiValue());
  }

  BigInteger balanceOf(Secp256k1.KeyPair who) {
    return view(InferenceMarketContract.BALANCE_OF, who.address()).bigInteger(0);
  }

  BigInteger stake() {
    return view(InferenceMarketContract.SERVICE, provider.address()).tuple(0).bigInteger(1);
  }

  MarketState.Batch batch(BigInteger id) {
    return MarketState.Batch.fromAbi(view(InferenceMarketContract.BATCH, id).tuple(0));
  }

  MarketState.SubAccount subAccount(Secp256k1.KeyPair user) {
    return MarketState.SubAccount.fromAbi(
        view(InferenceMarketContract.SUB_ACCOUNT, user.address(), provider.address()).tuple(0));
  }

  void advance(long seconds) {
    chain.timestamp += seconds;
  }
}

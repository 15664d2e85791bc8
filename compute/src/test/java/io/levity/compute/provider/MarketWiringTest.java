package io.levity.compute.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.KeyResponseSigner;
import io.levity.compute.serving.RequestGate;
import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.ServingRequestTerms;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serving gate and signer wired to the market's digests, and the consecutive-nonce rule. */
class MarketWiringTest {
  static final Secp256k1.KeyPair PROVIDER = key(0x51);
  static final Secp256k1.KeyPair ALICE = key(0xa1);
  static final InferenceTypedData.Domain DOMAIN =
      new InferenceTypedData.Domain(31337, Address.fromHex("0x" + "ab".repeat(20)));
  static final long NOW = 1_800_000_000L;
  static final byte[] BODY = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);

  static Secp256k1.KeyPair key(int b) {
    byte[] k = new byte[32];
    k[31] = (byte) b;
    k[0] = 1;
    return Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(k));
  }

  static final TimeSource FIXED =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return NOW * 1_000_000_000L;
        }

        @Override
        public long epochMillis() {
          return NOW * 1000;
        }
      };

  SignedRequestGate gate(long settledNonce) {
    return new SignedRequestGate(
        PROVIDER.address(),
        new MarketRequestDigest(DOMAIN),
        new ConsecutiveNonceGuard(List.of(), u -> settledNonce),
        u -> BigInteger.valueOf(1_000_000),
        FIXED);
  }

  /** The headers a user signs with the market's EIP-712 Request digest. */
  static Map<String, String> signed(Secp256k1.KeyPair user, long nonce) {
    ServingRequestTerms t =
        new ServingRequestTerms(
            PROVIDER.address(), user.address(), Keccak.hash(BODY), BigInteger.TEN, nonce, NOW + 60);
    Bytes32 digest = InferenceTypedData.requestDigest(DOMAIN, MarketRequestDigest.request(t));
    Map<String, String> h = new HashMap<>();
    h.put(SignedRequestGate.USER, user.address().toHex());
    h.put(SignedRequestGate.NONCE, Long.toString(nonce));
    h.put(SignedRequestGate.MAX_FEE, "10");
    h.put(SignedRequestGate.DEADLINE, Long.toString(NOW + 60));
    h.put(SignedRequestGate.SIGNATURE, InferenceTypedData.sign(user, digest).toHex());
    return h;
  }

  @Test
  void aRequestSignedWithTheMarketsTypedDataIsAdmittedOnlyAtTheNextNonce() {
    SignedRequestGate gate = gate(4);
    assertThat(gate.admit(signed(ALICE, 4)::get, BODY))
        .as("settled on chain already")
        .isInstanceOf(RequestGate.Refusal.class);
    assertThat(gate.admit(signed(ALICE, 6)::get, BODY))
        .as("a gap the contract could never settle")
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.reason()).contains("out of order"));
    assertThat(gate.admit(signed(ALICE, 5)::get, BODY)).isInstanceOf(RequestGate.Admission.class);
    assertThat(gate.admit(signed(ALICE, 5)::get, BODY)).isInstanceOf(RequestGate.Refusal.class);
    assertThat(gate.admit(signed(ALICE, 6)::get, BODY)).isInstanceOf(RequestGate.Admission.class);
  }

  @Test
  void nonceZeroIsRefusedBecauseTheMarketCountsFromOne() {
    assertThat(gate(0).admit(signed(ALICE, 1)::get, BODY))
        .isInstanceOf(RequestGate.Admission.class);
    Map<String, String> zero = signed(ALICE, 1);
    zero.put(SignedRequestGate.NONCE, "0");
    assertThat(gate(0).admit(zero::get, BODY))
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.reason()).startsWith("malformed"));
  }

  @Test
  void aSignatureOverAnotherMarketIsForged() {
    Map<String, String> h = signed(ALICE, 1);
    SignedRequestGate other =
        new SignedRequestGate(
            PROVIDER.address(),
            new MarketRequestDigest(new InferenceTypedData.Domain(31338, DOMAIN.market())),
            new ConsecutiveNonceGuard(List.of(), u -> 0L),
            u -> BigInteger.valueOf(1_000_000),
            FIXED);
    assertThat(other.admit(h::get, BODY))
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.reason()).startsWith("forged"));
  }

  @Test
  void theNextNonceFollowsTheJournalAboveTheChain() {
    ServingRequestTerms q =
        new ServingRequestTerms(
            PROVIDER.address(), ALICE.address(), Keccak.hash(BODY), BigInteger.TEN, 7, NOW);
    ServingResponseTerms s =
        new ServingResponseTerms(
            q.requestHash(), Bytes32.ZERO, Bytes32.ZERO, 1, 1, BigInteger.ONE, ALICE.address(), 7);
    ServingReceipt r = new ServingReceipt(q, Bytes.EMPTY, s, Bytes.EMPTY, true);
    ConsecutiveNonceGuard g = new ConsecutiveNonceGuard(List.of(r), u -> 3L);
    assertThat(g.highest(ALICE.address())).isEqualTo(7);
    assertThat(g.fresh(ALICE.address(), 8)).isTrue();
    assertThat(g.accept(ALICE.address(), 4)).isFalse();
    assertThat(g.accept(ALICE.address(), 8)).isTrue();
    assertThat(g.highest(PROVIDER.address())).as("no receipts: the chain's").isEqualTo(3);
  }

  @Test
  void theResponseDigestIsTheMarketsAndTheReceiptRecoversToTheProvider() {
    ServingResponseTerms s =
        new ServingResponseTerms(
            Keccak.hash(BODY),
            Keccak.hash(new byte[] {1}),
            Keccak.hash(new byte[] {2}),
            12,
            34,
            BigInteger.valueOf(99),
            ALICE.address(),
            3);
    Bytes32 digest = new MarketResponseDigest(DOMAIN).apply(s);
    assertThat(digest)
        .isEqualTo(InferenceTypedData.responseDigest(DOMAIN, MarketResponseDigest.response(s)));
    Bytes sig =
        Bytes.wrap(new KeyResponseSigner(PROVIDER, new MarketResponseDigest(DOMAIN)).sign(s));
    assertThat(InferenceTypedData.recover(digest, sig)).contains(PROVIDER.address());
  }
}

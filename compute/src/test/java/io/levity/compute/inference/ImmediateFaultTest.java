package io.levity.compute.inference;

import static io.levity.compute.inference.MarketFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every rule the contract checks on a challenged leaf: a receipt that breaks one voids its batch at
 * once, slashes half the provider's stake, rewards the challenger with its bond and half the slash,
 * and lets every user of the batch reclaim its escrowed total.
 */
class ImmediateFaultTest {
  private static final BigInteger ZERO = BigInteger.ZERO;
  private final MarketFixture f = new MarketFixture();

  /** Alice's receipts 1 and 2, honest, then {@code bad} as nonce 3; challenges the bad one. */
  private void voids(InferenceReceipt bad, MarketFault expected) {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    List<InferenceReceipt> rs = new ArrayList<>(f.receipts(f.alice, 1, 2));
    rs.add(bad);
    ReceiptBatch batch = ReceiptBatch.of(rs);
    BigInteger id = f.submit(batch);
    int honest = batch.indexOf(f.alice.address(), 1);
    assertThat(f.challenge(id, batch.proof(honest)).event(InferenceMarketContract.CHALLENGED))
        .as("an honest leaf opens a dispute, it does not void")
        .isPresent();
    InferenceChain.Outcome o = f.challenge(id, batch.proof(batch.indexOf(f.alice.address(), 3)));
    assertThat(o.ok()).as(o.describe()).isTrue();
    assertVoided(o, expected, id);
    assertThat(f.batch(id).status()).isEqualTo(MarketState.BatchStatus.VOIDED);
    f.ok(f.alice, ZERO, InferenceMarketContract.RECLAIM, id);
    assertThat(f.balanceOf(f.alice)).isEqualTo(batch.total());
    f.reverts("NothingToReclaim", f.alice, ZERO, InferenceMarketContract.RECLAIM, id);
    f.reverts(
        "BatchNotPending",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        id,
        batch.proof(0).abiValue());
    // The honest leaf's dispute is moot: its bond goes back.
    f.ok(f.bob, ZERO, InferenceMarketContract.RESOLVE, BigInteger.ONE);
    assertThat(f.balanceOf(f.challenger))
        .isEqualTo(ETHER.multiply(BigInteger.valueOf(2)).add(reward()));
  }

  private BigInteger reward() {
    return MarketFixture.PARAMS.minProviderStake().divide(BigInteger.valueOf(4));
  }

  private void assertVoided(InferenceChain.Outcome o, MarketFault expected, BigInteger id) {
    assertThat(o.event(InferenceMarketContract.BATCH_VOIDED))
        .as("the challenge voids the batch: " + o.describe())
        .isPresent();
    var voided = o.event(InferenceMarketContract.BATCH_VOIDED).orElseThrow();
    assertThat(voided.bigInteger(0)).isEqualTo(id);
    assertThat(MarketFault.of((int) voided.longValue(2))).isEqualTo(expected);
    BigInteger stake = MarketFixture.PARAMS.minProviderStake();
    assertThat(f.stake()).isEqualTo(stake.divide(BigInteger.TWO));
    assertThat(voided.bigInteger(4)).isEqualTo(reward());
  }

  /** {@code r} with another request hash, model root, fee and nonce. */
  private static InferenceResponse altered(
      InferenceResponse r, Bytes32 requestHash, Bytes32 modelRoot, BigInteger fee, long nonce) {
    return new InferenceResponse(
        requestHash,
        r.responseHash(),
        modelRoot,
        r.inputTokens(),
        r.outputTokens(),
        fee,
        r.user(),
        nonce);
  }

  /** {@code q} with another max fee and deadline. */
  private static InferenceRequest altered(InferenceRequest q, BigInteger maxFee, long deadline) {
    return new InferenceRequest(
        q.user(), q.provider(), q.requestHash(), maxFee, q.nonce(), deadline);
  }

  private InferenceRequest request3() {
    return f.request(f.alice, 3);
  }

  @Test
  void aForgedUserSignatureVoids() {
    InferenceRequest q = request3();
    InferenceReceipt honest = f.signed(f.alice, q, f.response(q));
    Bytes byBob = InferenceTypedData.sign(f.bob, InferenceTypedData.requestDigest(f.domain(), q));
    voids(
        new InferenceReceipt(q, f.response(q), byBob, honest.providerSignature()),
        MarketFault.USER_SIGNATURE);
  }

  @Test
  void aHighSSignatureCountsAsForged() {
    InferenceRequest q = request3();
    InferenceReceipt honest = f.signed(f.alice, q, f.response(q));
    byte[] sig = honest.userSignature().toArray();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
    byte[] high = Bytes32.fromBigInteger(Secp256k1.N.subtract(s)).toArray();
    System.arraycopy(high, 0, sig, 32, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
    voids(
        new InferenceReceipt(q, honest.response(), Bytes.wrap(sig), honest.providerSignature()),
        MarketFault.USER_SIGNATURE);
  }

  @Test
  void aMalformedSignatureCountsAsForged() {
    InferenceRequest q = request3();
    InferenceReceipt honest = f.signed(f.alice, q, f.response(q));
    voids(
        new InferenceReceipt(
            q, honest.response(), honest.userSignature().slice(0, 64), honest.providerSignature()),
        MarketFault.USER_SIGNATURE);
  }

  @Test
  void aResponseNotSignedByTheRegisteredSignerVoids() {
    InferenceRequest q = request3();
    InferenceResponse r = f.response(q);
    Bytes byAccount =
        InferenceTypedData.sign(f.provider, InferenceTypedData.responseDigest(f.domain(), r));
    InferenceReceipt honest = f.signed(f.alice, q, r);
    voids(
        new InferenceReceipt(q, r, honest.userSignature(), byAccount),
        MarketFault.PROVIDER_SIGNATURE);
  }

  @Test
  void aResponseToAnotherRequestVoids() {
    InferenceRequest q = request3();
    InferenceResponse r = f.response(q);
    voids(
        f.signed(f.alice, q, altered(r, Bytes32.ZERO, r.modelRoot(), r.fee(), r.nonce())),
        MarketFault.BINDING);
  }

  @Test
  void aResponseForAnotherNonceVoids() {
    InferenceRequest q = request3();
    InferenceResponse r = f.response(q);
    voids(
        f.signed(f.alice, q, altered(r, r.requestHash(), r.modelRoot(), r.fee(), 4)),
        MarketFault.BINDING);
  }

  @Test
  void aResponseFromAnotherModelVoids() {
    InferenceRequest q = request3();
    InferenceResponse r = f.response(q);
    voids(
        f.signed(f.alice, q, altered(r, r.requestHash(), Bytes32.ZERO, r.fee(), r.nonce())),
        MarketFault.MODEL);
  }

  @Test
  void aFeeAboveTheMaxFeeVoids() {
    InferenceRequest base = request3();
    InferenceRequest q = altered(base, f.fee().subtract(BigInteger.ONE), base.deadline());
    voids(f.signed(f.alice, q, f.response(q)), MarketFault.FEE_ABOVE_MAX);
  }

  @Test
  void aFeeNotAtTheRegisteredPricesVoids() {
    InferenceRequest q = request3();
    InferenceResponse r = f.response(q);
    BigInteger dearer = r.fee().add(BigInteger.ONE);
    voids(
        f.signed(f.alice, q, altered(r, r.requestHash(), r.modelRoot(), dearer, r.nonce())),
        MarketFault.FEE_MISMATCH);
  }

  @Test
  void aRequestSettledAfterItsDeadlineVoids() {
    InferenceRequest base = request3();
    InferenceRequest q = altered(base, base.maxFee(), f.chain.timestamp - 1);
    voids(f.signed(f.alice, q, f.response(q)), MarketFault.DEADLINE);
  }

  @Test
  void aReplayedReceiptInALaterBatchVoids() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    InferenceReceipt first = f.receipt(f.alice, 1);
    f.submit(ReceiptBatch.of(List.of(first, f.receipt(f.alice, 2))));
    // Nonce 3 is claimed, but the leaf is receipt 1 again.
    ForgedBatch forged =
        new ForgedBatch(
            List.of(first),
            List.of(f.fee()),
            List.of(new ReceiptBatch.UserTotal(f.alice.address(), 1, 3, f.fee())));
    BigInteger id = f.submit(forged);
    assertVoided(f.challenge(id, forged.proof(0)), MarketFault.NONCE_RANGE, id);
  }

  @Test
  void aLeafOfAUserWithoutATotalVoids() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    List<InferenceReceipt> rs = List.of(f.receipt(f.alice, 1), f.receipt(f.bob, 1));
    ForgedBatch forged =
        new ForgedBatch(
            rs,
            List.of(f.fee(), f.fee()),
            List.of(new ReceiptBatch.UserTotal(f.alice.address(), 2, 2, f.fee())));
    BigInteger id = f.submit(forged);
    assertVoided(f.challenge(id, forged.proof(1)), MarketFault.NONCE_RANGE, id);
  }

  @Test
  void aTotalAboveTheReceiptsVoids() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    BigInteger fee = f.fee();
    ForgedBatch forged =
        new ForgedBatch(
            f.receipts(f.alice, 1, 2),
            List.of(fee, fee.multiply(BigInteger.TWO)),
            List.of(
                new ReceiptBatch.UserTotal(
                    f.alice.address(), 2, 2, fee.multiply(BigInteger.valueOf(3)))));
    BigInteger id = f.submit(forged);
    assertVoided(f.challenge(id, forged.proof(1)), MarketFault.CUMULATIVE_FEE, id);
  }

  @Test
  void aNonceSettledTwiceInOneBatchVoids() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    BigInteger fee = f.fee();
    InferenceReceipt one = f.receipt(f.alice, 1);
    ForgedBatch forged =
        new ForgedBatch(
            List.of(one, one),
            List.of(fee, fee.multiply(BigInteger.TWO)),
            List.of(
                new ReceiptBatch.UserTotal(f.alice.address(), 2, 2, fee.multiply(BigInteger.TWO))));
    BigInteger id = f.submit(forged);
    f.reverts(
        "NotAPair",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE_PAIR,
        id,
        forged.proof(0).abiValue(),
        forged.proof(0).abiValue());
    InferenceChain.Outcome o =
        f.call(
            f.challenger,
            ETHER,
            InferenceMarketContract.CHALLENGE_PAIR,
            id,
            forged.proof(0).abiValue(),
            forged.proof(1).abiValue());
    assertVoided(o, MarketFault.DUPLICATE_NONCE, id);
  }

  @Test
  void runningTotalsThatDoNotAddUpVoid() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    f.fundUser(f.bob, ETHER);
    BigInteger fee = f.fee();
    BigInteger three = fee.multiply(BigInteger.valueOf(3));
    List<InferenceReceipt> rs = new ArrayList<>(f.receipts(f.alice, 1, 3));
    rs.add(f.receipt(f.bob, 1));
    ForgedBatch forged =
        new ForgedBatch(
            rs,
            List.of(fee, fee, three, fee),
            List.of(
                new ReceiptBatch.UserTotal(f.alice.address(), 3, 3, three),
                new ReceiptBatch.UserTotal(f.bob.address(), 1, 1, fee)));
    BigInteger id = f.submit(forged);
    f.reverts(
        "NotAPair",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE_PAIR,
        id,
        forged.proof(0).abiValue(),
        forged.proof(3).abiValue());
    f.reverts(
        "NotAPair",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE_PAIR,
        id,
        forged.proof(1).abiValue(),
        forged.proof(0).abiValue());
    InferenceChain.Outcome o =
        f.call(
            f.challenger,
            ETHER,
            InferenceMarketContract.CHALLENGE_PAIR,
            id,
            forged.proof(0).abiValue(),
            forged.proof(1).abiValue());
    assertVoided(o, MarketFault.CUMULATIVE_FEE, id);
    f.ok(f.bob, ZERO, InferenceMarketContract.RECLAIM, id);
    assertThat(f.balanceOf(f.bob)).isEqualTo(fee);
  }
}

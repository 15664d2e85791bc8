package io.levity.compute.inference;

import static io.levity.compute.inference.MarketFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A challenge of a well-formed receipt goes to the auditors: two "wrong" votes void the batch,
 * slash and refund; without them the challenger's bond goes to the provider.
 */
class VotedDisputeTest {
  private static final BigInteger ZERO = BigInteger.ZERO;
  private final MarketFixture f = new MarketFixture();
  private ReceiptBatch batch;
  private BigInteger id;

  @BeforeEach
  void settleAnHonestLookingBatch() {
    f.registerProvider();
    f.registerAuditors();
    f.fundUser(f.alice, ETHER);
    f.fundUser(f.bob, ETHER);
    List<InferenceReceipt> rs = new ArrayList<>(f.receipts(f.alice, 1, 3));
    rs.addAll(f.receipts(f.bob, 1, 2));
    batch = ReceiptBatch.of(rs);
    id = f.submit(batch);
  }

  private BigInteger openDispute(int leaf) {
    InferenceChain.Outcome o = f.challenge(id, batch.proof(leaf));
    assertThat(o.ok()).as(o.describe()).isTrue();
    return o.event(InferenceMarketContract.CHALLENGED).orElseThrow().bigInteger(0);
  }

  private MarketState.Dispute dispute(BigInteger d) {
    return MarketState.Dispute.fromAbi(f.view(InferenceMarketContract.DISPUTE, d).tuple(0));
  }

  @Test
  void theAuditorsThresholdSlashesAndRefunds() {
    BigInteger d = openDispute(0);
    f.reverts("NotAuditor", f.bob, ZERO, InferenceMarketContract.VOTE, d, true);
    f.ok(f.auditor1, ZERO, InferenceMarketContract.VOTE, d, true);
    f.reverts("AlreadyVoted", f.auditor1, ZERO, InferenceMarketContract.VOTE, d, true);
    assertThat(dispute(d).wrongVotes()).isEqualTo(1);
    InferenceChain.Outcome upheld = f.ok(f.auditor2, ZERO, InferenceMarketContract.VOTE, d, true);
    AbiValues voided = upheld.event(InferenceMarketContract.BATCH_VOIDED).orElseThrow();
    assertThat(MarketFault.of((int) voided.longValue(2))).isEqualTo(MarketFault.VOTED);
    assertThat(dispute(d).status()).isEqualTo(MarketState.DisputeStatus.UPHELD);
    BigInteger stake = MarketFixture.PARAMS.minProviderStake();
    assertThat(f.stake()).isEqualTo(stake.divide(BigInteger.TWO));
    BigInteger reward = stake.divide(BigInteger.valueOf(4));
    assertThat(f.balanceOf(f.challenger)).isEqualTo(ETHER.add(reward));
    assertThat(f.view(InferenceMarketContract.BURNED).bigInteger(0)).isEqualTo(reward);
    for (var user : List.of(f.alice, f.bob)) {
      f.ok(user, ZERO, InferenceMarketContract.RECLAIM, id);
      BigInteger total =
          batch.totals().stream()
              .filter(t -> t.user().equals(user.address()))
              .findFirst()
              .orElseThrow()
              .total();
      assertThat(f.balanceOf(user)).isEqualTo(total);
    }
    f.reverts("DisputeClosed", f.auditor1, ZERO, InferenceMarketContract.VOTE, d, true);
    f.reverts("DisputeClosed", f.bob, ZERO, InferenceMarketContract.RESOLVE, d);
    f.reverts("BatchNotPending", f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    f.reverts("UnknownDispute", f.bob, ZERO, InferenceMarketContract.RESOLVE, BigInteger.TEN);
  }

  @Test
  void aDisputeOnABatchVoidedMeanwhileIsMootAndReturnsTheBond() {
    BigInteger first = openDispute(0);
    BigInteger second = openDispute(4);
    f.ok(f.auditor1, ZERO, InferenceMarketContract.VOTE, first, true);
    f.ok(f.auditor1, ZERO, InferenceMarketContract.VOTE, second, true);
    f.ok(f.auditor2, ZERO, InferenceMarketContract.VOTE, first, true);
    f.reverts("BatchNotPending", f.auditor2, ZERO, InferenceMarketContract.VOTE, second, true);
    f.ok(f.bob, ZERO, InferenceMarketContract.RESOLVE, second);
    assertThat(dispute(second).status()).isEqualTo(MarketState.DisputeStatus.MOOT);
    BigInteger reward = MarketFixture.PARAMS.minProviderStake().divide(BigInteger.valueOf(4));
    assertThat(f.balanceOf(f.challenger)).isEqualTo(ETHER.multiply(BigInteger.TWO).add(reward));
    assertThat(f.stake()).isEqualTo(MarketFixture.PARAMS.minProviderStake().divide(BigInteger.TWO));
  }

  @Test
  void aWrongChallengeLosesItsBondToTheProvider() {
    BigInteger d = openDispute(3);
    f.ok(f.auditor1, ZERO, InferenceMarketContract.VOTE, d, false);
    f.ok(f.auditor2, ZERO, InferenceMarketContract.VOTE, d, true);
    f.reverts("VotingOpen", f.bob, ZERO, InferenceMarketContract.RESOLVE, d);
    f.advance(MarketFixture.PARAMS.votingPeriod() + 1);
    f.reverts("VotingEnded", f.auditor1, ZERO, InferenceMarketContract.VOTE, d, true);
    f.advance(MarketFixture.PARAMS.challengeWindow());
    f.reverts("DisputesOpen", f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    f.ok(f.bob, ZERO, InferenceMarketContract.RESOLVE, d);
    assertThat(dispute(d).status()).isEqualTo(MarketState.DisputeStatus.REJECTED);
    assertThat(f.balanceOf(f.provider)).isEqualTo(ETHER);
    assertThat(f.balanceOf(f.challenger)).isZero();
    f.ok(f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    assertThat(f.balanceOf(f.provider)).isEqualTo(ETHER.add(batch.total()));
    assertThat(f.stake()).isEqualTo(MarketFixture.PARAMS.minProviderStake());
  }

  @Test
  void aChallengeMustProveItsLeafOnceWithTheBondInTheWindow() {
    ReceiptBatch.LeafProof p = batch.proof(1);
    ReceiptBatch.LeafProof elsewhere =
        new ReceiptBatch.LeafProof(p.receipt(), p.cumulativeFee(), 2, p.siblings());
    f.reverts(
        "NotInBatch",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        id,
        elsewhere.abiValue());
    ReceiptBatch.LeafProof shorter =
        new ReceiptBatch.LeafProof(p.receipt(), p.cumulativeFee(), 1, p.siblings().subList(0, 1));
    f.reverts(
        "NotInBatch",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        id,
        shorter.abiValue());
    f.reverts(
        "WrongBond",
        f.challenger,
        ETHER.subtract(BigInteger.ONE),
        InferenceMarketContract.CHALLENGE,
        id,
        p.abiValue());
    f.reverts(
        "UnknownBatch",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        BigInteger.TEN,
        p.abiValue());
    openDispute(1);
    f.reverts(
        "LeafAlreadyChallenged",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        id,
        p.abiValue());
    f.advance(MarketFixture.PARAMS.challengeWindow());
    f.reverts(
        "WindowClosed",
        f.challenger,
        ETHER,
        InferenceMarketContract.CHALLENGE,
        id,
        batch.proof(0).abiValue());
  }

  @Test
  void auditorsStakeToVoteAndTakeItBack() {
    f.reverts("AlreadyAuditor", f.auditor1, ETHER, InferenceMarketContract.REGISTER_AUDITOR);
    f.reverts(
        "StakeTooLow",
        f.bob,
        ETHER.subtract(BigInteger.ONE),
        InferenceMarketContract.REGISTER_AUDITOR);
    f.reverts("NotAuditor", f.bob, ZERO, InferenceMarketContract.UNREGISTER_AUDITOR);
    assertThat(f.view(InferenceMarketContract.AUDITOR_COUNT).bigInteger(0)).isEqualTo(2);
    BigInteger before = f.chain.balance(f.auditor1.address()).toBigInteger();
    f.ok(f.auditor1, ZERO, InferenceMarketContract.UNREGISTER_AUDITOR);
    assertThat(f.chain.balance(f.auditor1.address()).toBigInteger().subtract(before))
        .isEqualTo(ETHER);
    BigInteger d = openDispute(0);
    f.reverts("NotAuditor", f.auditor1, ZERO, InferenceMarketContract.VOTE, d, true);
  }
}

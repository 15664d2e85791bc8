package io.levity.compute.inference;

import static io.levity.compute.inference.MarketFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches move fees from sub-accounts to escrow and pay the provider after the window. */
class SettlementTest {
  private final MarketFixture f = new MarketFixture();
  private static final BigInteger ZERO = BigInteger.ZERO;

  @Test
  void aBatchOfHundredFromOneUserSettlesAndPaysAfterTheWindow() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    ReceiptBatch batch = ReceiptBatch.of(f.receipts(f.alice, 1, 100));
    InferenceChain.Outcome submitted = f.trySubmit(batch);
    assertThat(submitted.ok()).as(submitted.describe()).isTrue();
    long perReceipt = submitted.gas() / 100;
    System.out.println(
        "submitBatch, 100 receipts of 1 user: "
            + submitted.gas()
            + " gas, "
            + perReceipt
            + " per receipt");
    assertThat(perReceipt).isLessThan(2_500);
    BigInteger id =
        submitted.event(InferenceMarketContract.BATCH_SUBMITTED).orElseThrow().bigInteger(0);
    assertThat(f.subAccount(f.alice).balance()).isEqualTo(ETHER.subtract(batch.total()));
    assertThat(f.subAccount(f.alice).settledNonce()).isEqualTo(100);
    assertThat(f.batch(id).escrow()).isEqualTo(batch.total());

    f.reverts("WindowOpen", f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    f.advance(MarketFixture.PARAMS.challengeWindow());
    InferenceChain.Outcome paid = f.ok(f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    System.out.println("finalize: " + paid.gas() + " gas");
    assertThat(f.balanceOf(f.provider)).isEqualTo(batch.total());
    assertThat(f.batch(id).status()).isEqualTo(MarketState.BatchStatus.PAID);
    f.reverts("BatchNotPending", f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    f.reverts("UnknownBatch", f.bob, ZERO, InferenceMarketContract.FINALIZE, BigInteger.TEN);
    f.ok(f.provider, ZERO, InferenceMarketContract.WITHDRAW, batch.total());
    assertThat(f.balanceOf(f.provider)).isZero();
  }

  @Test
  void aBatchOfHundredUsersCostsMorePerReceipt() {
    f.registerProvider();
    List<InferenceReceipt> rs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Secp256k1.KeyPair user = MarketFixture.key(1, i);
      f.chain.fund(user.address(), UInt256.valueOf(ETHER));
      f.fundUser(user, ETHER.divide(BigInteger.TEN));
      rs.add(f.receipt(user, 1));
    }
    InferenceChain.Outcome first = f.trySubmit(ReceiptBatch.of(rs));
    assertThat(first.ok()).as(first.describe()).isTrue();
    rs.clear();
    for (int i = 0; i < 100; i++) rs.add(f.receipt(MarketFixture.key(1, i), 2));
    InferenceChain.Outcome second = f.trySubmit(ReceiptBatch.of(rs));
    assertThat(second.ok()).as(second.describe()).isTrue();
    System.out.println(
        "submitBatch, 100 receipts of 100 users: first settlement "
            + first.gas() / 100
            + " gas per receipt, later "
            + second.gas() / 100);
    assertThat(second.gas() / 100).isLessThan(40_000);
  }

  @Test
  void aReplayedNonceIsRefused() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    List<InferenceReceipt> first = f.receipts(f.alice, 1, 3);
    f.submit(ReceiptBatch.of(first));
    assertThat(f.trySubmit(ReceiptBatch.of(first)).error()).contains("StaleNonce");
    // Nonces 3..5 overlap the settled 3: only two are fresh.
    assertThat(f.trySubmit(ReceiptBatch.of(f.receipts(f.alice, 3, 3))).error())
        .contains("CountMismatch");
    f.submit(ReceiptBatch.of(f.receipts(f.alice, 4, 3)));
    assertThat(f.subAccount(f.alice).settledNonce()).isEqualTo(6);
  }

  @Test
  void aBatchNeedsTheFundsAndConsistentCounts() {
    f.registerProvider();
    f.fundUser(f.alice, f.fee());
    assertThat(f.trySubmit(ReceiptBatch.of(f.receipts(f.alice, 1, 2))).error())
        .contains("InsufficientBalance");
    ReceiptBatch one = ReceiptBatch.of(f.receipts(f.alice, 1, 1));
    ReceiptBatch.UserTotal t = one.totals().getFirst();
    f.reverts(
        "LeafCountMismatch",
        f.provider,
        ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        one.root(),
        2,
        List.of(t.abiValue()));
    f.reverts(
        "EmptyBatch",
        f.provider,
        ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        one.root(),
        0,
        List.of());
    f.reverts(
        "BatchTooLarge",
        f.provider,
        ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        one.root(),
        65_537,
        List.of(t.abiValue()));
    f.fundUser(f.alice, ETHER);
    ReceiptBatch.UserTotal again = new ReceiptBatch.UserTotal(t.user(), 1, 2, t.total());
    f.reverts(
        "DuplicateUser",
        f.provider,
        ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        one.root(),
        2,
        List.of(t.abiValue(), again.abiValue()));
    f.reverts(
        "NotRegistered",
        f.bob,
        ZERO,
        InferenceMarketContract.SUBMIT_BATCH,
        one.root(),
        1,
        List.of(t.abiValue()));
  }

  @Test
  void aRefundUnlocksAfterTheLockTimeLessWhatSettlementTook() {
    f.registerProvider();
    BigInteger funded = f.fee().multiply(BigInteger.valueOf(3));
    f.fundUser(f.alice, funded);
    f.reverts(
        "NoRefundDue", f.alice, ZERO, InferenceMarketContract.CLAIM_REFUND, f.provider.address());
    f.reverts(
        "InsufficientBalance",
        f.alice,
        ZERO,
        InferenceMarketContract.REQUEST_REFUND,
        f.provider.address(),
        funded.add(BigInteger.ONE));
    f.ok(f.alice, ZERO, InferenceMarketContract.REQUEST_REFUND, f.provider.address(), funded);
    f.reverts(
        "RefundLocked", f.alice, ZERO, InferenceMarketContract.CLAIM_REFUND, f.provider.address());
    // The provider settles two receipts inside the lock time: the refund gets what is left.
    f.submit(ReceiptBatch.of(f.receipts(f.alice, 1, 2)));
    f.advance(MarketFixture.PARAMS.refundLockTime());
    f.ok(f.alice, ZERO, InferenceMarketContract.CLAIM_REFUND, f.provider.address());
    assertThat(f.balanceOf(f.alice)).isEqualTo(f.fee());
    assertThat(f.subAccount(f.alice).balance()).isZero();
    f.reverts("InsufficientBalance", f.alice, ZERO, InferenceMarketContract.WITHDRAW, ETHER);
    BigInteger before = f.chain.balance(f.alice.address()).toBigInteger();
    f.ok(f.alice, ZERO, InferenceMarketContract.WITHDRAW, f.fee());
    assertThat(f.chain.balance(f.alice.address()).toBigInteger().subtract(before))
        .isEqualTo(f.fee());
  }

  @Test
  void aPaymentToAnAccountThatRefusesItReverts() {
    Address refuser = Address.fromHex("0x00000000000000000000000000000000000bad00");
    f.chain.install(refuser, Bytes.fromHex("0x5f5ffd"), ETHER);
    InferenceChain.Outcome dep =
        f.chain.call(
            refuser,
            f.market,
            UInt256.valueOf(ETHER),
            InferenceMarketContract.DEPOSIT.encodeCall());
    assertThat(dep.ok()).isTrue();
    InferenceChain.Outcome w =
        f.chain.call(
            refuser, f.market, UInt256.ZERO, InferenceMarketContract.WITHDRAW.encodeCall(ETHER));
    assertThat(w.error()).contains("TransferFailed");
  }
}

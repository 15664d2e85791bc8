package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static io.levity.inft.InftFixture.ok;
import static io.levity.inft.InftFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AgentMarket settlements on Levity's EVM: a listing bought, an offer accepted, a clone sold; the
 * creator's royalty, the platform fee and the seller's share to the wei; and the orders that must
 * not settle.
 */
class AgentMarketTest {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  static final int ROYALTY_BPS = 500;

  final InftFixture f = new InftFixture();
  final BigInteger id = f.mint(f.alice, agentData("agent", 1), ROYALTY_BPS);

  AgentMarketTest() {
    // alice created the agent and sold it to bob, who now trades it; the market is bob's operator.
    ok(
        f.send(
            f.alice,
            f.nft,
            InftAbi.iTransfer(f.bob.address(), id, f.plan(id, f.alice, f.bob).build())));
    ok(f.send(f.bob, f.nft, InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(f.market, true)));
  }

  private MarketOrder order(Secp256k1.KeyPair maker, BigInteger price, Address taker, long n) {
    return f.order(maker, id, price, taker, n);
  }

  private Bytes sign(Secp256k1.KeyPair key, MarketOrder o, boolean listing) {
    return f.signOrder(key, o, listing);
  }

  private InftChain.Receipt buy(
      Secp256k1.KeyPair buyer, MarketOrder listing, Bytes sig, BigInteger paid) {
    List<TransferValidityProof> proofs = f.plan(id, f.bob, buyer).build();
    return f.chain.call(
        buyer.address(), f.market, UInt256.valueOf(paid), InftAbi.buy(listing, sig, proofs));
  }

  private BigInteger owed(Address account) {
    return f.chain.view(f.market, InftAbi.BALANCE_OF, account).bigInteger(0);
  }

  private BigInteger wallet(Address account) {
    return f.chain.balance(account).toBigInteger();
  }

  private BigInteger bps(BigInteger price, int bps) {
    return price.multiply(BigInteger.valueOf(bps)).divide(BigInteger.valueOf(10_000));
  }

  @Test
  void aListingSettlesThroughITransferAndPaysRoyaltyFeeAndSeller() {
    MarketOrder listing = order(f.bob, ETHER, Address.ZERO, 1);
    BigInteger carolBefore = wallet(f.carol.address());

    ok(buy(f.carol, listing, sign(f.bob, listing, true), ETHER));

    assertThat(f.ownerOf(id)).isEqualTo(f.carol.address());
    assertThat(wallet(f.carol.address())).isEqualTo(carolBefore.subtract(ETHER));
    assertThat(owed(f.alice.address())).isEqualTo(new BigInteger("50000000000000000"));
    assertThat(owed(f.feeRecipient)).isEqualTo(new BigInteger("25000000000000000"));
    assertThat(owed(f.bob.address())).isEqualTo(new BigInteger("925000000000000000"));
    BigInteger bobBefore = wallet(f.bob.address());
    ok(f.send(f.bob, f.market, InftAbi.WITHDRAW.encodeCall(owed(f.bob.address()))));
    assertThat(wallet(f.bob.address()))
        .isEqualTo(bobBefore.add(new BigInteger("925000000000000000")));
    assertThat(owed(f.bob.address())).isZero();
  }

  @Test
  void anOfferSettlesFromTheBuyersDeposit() {
    BigInteger price = ETHER.multiply(BigInteger.valueOf(3)).divide(BigInteger.TWO);
    ok(
        f.chain.call(
            f.carol.address(),
            f.market,
            UInt256.valueOf(ETHER.multiply(BigInteger.TWO)),
            InftAbi.DEPOSIT.encodeCall()));
    MarketOrder offer = order(f.carol, price, f.bob.address(), 7);
    List<TransferValidityProof> proofs = f.plan(id, f.bob, f.carol).build();

    ok(f.send(f.bob, f.market, InftAbi.acceptOffer(offer, sign(f.carol, offer, false), proofs)));

    assertThat(f.ownerOf(id)).isEqualTo(f.carol.address());
    BigInteger royalty = bps(price, ROYALTY_BPS);
    BigInteger fee = bps(price, InftFixture.FEE_BPS);
    assertThat(royalty).isEqualTo(new BigInteger("75000000000000000"));
    assertThat(fee).isEqualTo(new BigInteger("37500000000000000"));
    assertThat(owed(f.alice.address())).isEqualTo(royalty);
    assertThat(owed(f.feeRecipient)).isEqualTo(fee);
    assertThat(owed(f.bob.address())).isEqualTo(new BigInteger("1387500000000000000"));
    assertThat(owed(f.carol.address())).isEqualTo(ETHER.divide(BigInteger.TWO));
    // The same offer again: refused before anything else is looked at.
    reverts(
        f.send(f.bob, f.market, InftAbi.acceptOffer(offer, sign(f.carol, offer, false), proofs)),
        "OrderAlreadyUsed");
  }

  @Test
  void aSoldCloneStillPaysTheOriginalCreator() {
    ok(
        f.send(
            f.bob,
            f.nft,
            InftAbi.iClone(f.carol.address(), id, f.plan(id, f.bob, f.carol).build())));
    BigInteger clone = BigInteger.TWO;
    ok(f.send(f.carol, f.nft, InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(f.market, true)));
    MarketOrder listing = f.order(f.carol, clone, ETHER, Address.ZERO, 1);
    List<TransferValidityProof> proofs = f.plan(clone, f.carol, f.admin).build();
    ok(
        f.chain.call(
            f.admin.address(),
            f.market,
            UInt256.valueOf(ETHER),
            InftAbi.buy(listing, sign(f.carol, listing, true), proofs)));
    assertThat(f.ownerOf(clone)).isEqualTo(f.admin.address());
    assertThat(owed(f.alice.address())).isEqualTo(bps(ETHER, ROYALTY_BPS));
  }

  @Test
  void aListingIsUsedOnce() {
    MarketOrder listing = order(f.bob, ETHER, Address.ZERO, 1);
    Bytes sig = sign(f.bob, listing, true);
    ok(buy(f.carol, listing, sig, ETHER));
    reverts(buy(f.admin, listing, sig, ETHER), "OrderAlreadyUsed");
    assertThat(f.ownerOf(id)).isEqualTo(f.carol.address());
  }

  @Test
  void aCancelledListingCannotSettle() {
    MarketOrder listing = order(f.bob, ETHER, Address.ZERO, 9);
    ok(f.send(f.bob, f.market, InftAbi.CANCEL.encodeCall(BigInteger.valueOf(9))));
    reverts(buy(f.carol, listing, sign(f.bob, listing, true), ETHER), "OrderAlreadyUsed");
  }

  @Test
  void expiredDirectedUnderpaidOrForgedOrdersAreRefused() {
    MarketOrder forCarol = order(f.bob, ETHER, f.carol.address(), 2);
    Bytes sig = sign(f.bob, forCarol, true);
    reverts(buy(f.admin, forCarol, sig, ETHER), "NotOrderTaker");
    reverts(buy(f.carol, forCarol, sig, ETHER.subtract(BigInteger.ONE)), "WrongPayment");
    reverts(buy(f.carol, forCarol, sign(f.carol, forCarol, true), ETHER), "WrongOrderSigner");
    Bytes otherChain =
        InftTypedData.sign(
            f.bob, InftTypedData.orderDigest(f.chain.chainId + 1, f.market, forCarol, true));
    reverts(buy(f.carol, forCarol, otherChain, ETHER), "WrongOrderSigner");
    // An offer's signature does not make a listing.
    reverts(buy(f.carol, forCarol, sign(f.bob, forCarol, false), ETHER), "WrongOrderSigner");
    f.chain.timestamp = forCarol.expiry() + 1;
    reverts(buy(f.carol, forCarol, sig, ETHER), "OrderExpired");
  }

  @Test
  void aSaleSettlesOnlyWithValidProofsAndMovesNoMoneyOtherwise() {
    MarketOrder listing = order(f.bob, ETHER, Address.ZERO, 3);
    ProofPlan plan = f.plan(id, f.bob, f.carol);
    plan.oracle = f.carol;
    BigInteger carolBefore = wallet(f.carol.address());
    reverts(
        f.chain.call(
            f.carol.address(),
            f.market,
            UInt256.valueOf(ETHER),
            InftAbi.buy(listing, sign(f.bob, listing, true), plan.build())),
        "OracleNotRegistered");
    assertThat(wallet(f.carol.address())).isEqualTo(carolBefore);
    assertThat(owed(f.bob.address())).isZero();
    assertThat(f.ownerOf(id)).isEqualTo(f.bob.address());
  }

  @Test
  void onlyTheOwnerSellsAndOnlyFromAFundedOffer() {
    MarketOrder byAlice = order(f.alice, ETHER, Address.ZERO, 4);
    reverts(buy(f.carol, byAlice, sign(f.alice, byAlice, true), ETHER), "SellerNotOwner");
    MarketOrder offer = order(f.carol, ETHER, Address.ZERO, 5);
    List<TransferValidityProof> proofs = f.plan(id, f.bob, f.carol).build();
    reverts(
        f.send(f.bob, f.market, InftAbi.acceptOffer(offer, sign(f.carol, offer, false), proofs)),
        "InsufficientBalance");
    ok(f.send(f.bob, f.nft, InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(f.market, false)));
    ok(
        f.chain.call(
            f.carol.address(), f.market, UInt256.valueOf(ETHER), InftAbi.DEPOSIT.encodeCall()));
    reverts(
        f.send(f.bob, f.market, InftAbi.acceptOffer(offer, sign(f.carol, offer, false), proofs)),
        "NotOwnerNorApproved");
    assertThat(owed(f.carol.address())).isEqualTo(ETHER);
  }
}

package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static io.levity.inft.InftFixture.hashesOf;
import static io.levity.inft.InftFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transaction gas of the main operations (intrinsic cost and refund included), held under bounds
 * about 10% above the figures docs/inft.md quotes, so that a change that makes them dearer is
 * noticed.
 */
class InftGasTest {
  @Test
  void operationsStayWithinTheirDocumentedGas() {
    InftFixture f = new InftFixture();
    Map<String, Long> gas = new LinkedHashMap<>();
    gas.put("registerOracle (software attestation)", f.registerOracle(InftFixture.key(9)).gas());
    List<IntelligentData> one = agentData("agent", 1);
    InftChain.Receipt mint = ok(f.tryMint(f.nft, f.alice, one, 500));
    gas.put("mint, 1 data item", mint.gas());
    BigInteger id = InftAbi.MINT.decodeReturn(mint.output()).bigInteger(0);
    BigInteger two = f.mint(f.alice, agentData("pair", 2), 500);

    List<IntelligentData> v2 = agentData("agent v2", 1);
    DataProof proof =
        f.dataProof(f.nft, id, f.alice.address(), hashesOf(one), hashesOf(v2), f.oracle);
    gas.put("update, 1 data item", ok(f.send(f.alice, f.nft, InftAbi.update(id, v2, proof))).gas());
    gas.put(
        "authorizeUsage",
        ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())))
            .gas());
    gas.put(
        "iClone, 1 data item",
        ok(f.send(
                f.alice,
                f.nft,
                InftAbi.iClone(f.bob.address(), id, f.plan(id, f.alice, f.bob).build())))
            .gas());
    gas.put(
        "iTransfer, 1 data item",
        ok(f.send(
                f.alice,
                f.nft,
                InftAbi.iTransfer(f.bob.address(), id, f.plan(id, f.alice, f.bob).build())))
            .gas());
    gas.put(
        "iTransfer, 2 data items",
        ok(f.send(
                f.alice,
                f.nft,
                InftAbi.iTransfer(f.bob.address(), two, f.plan(two, f.alice, f.bob).build())))
            .gas());

    ok(f.send(f.bob, f.nft, InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(f.market, true)));
    BigInteger price = BigInteger.TEN.pow(18);
    MarketOrder listing = f.order(f.bob, id, price, Address.ZERO, 1);
    Bytes sig = f.signOrder(f.bob, listing, true);
    gas.put(
        "market buy (listing), 1 data item",
        ok(f.chain.call(
                f.carol.address(),
                f.market,
                UInt256.valueOf(price),
                InftAbi.buy(listing, sig, f.plan(id, f.bob, f.carol).build())))
            .gas());
    ok(
        f.chain.call(
            f.carol.address(), f.market, UInt256.valueOf(price), InftAbi.DEPOSIT.encodeCall()));
    MarketOrder offer = f.order(f.carol, two, price, Address.ZERO, 2);
    Bytes offerSig = f.signOrder(f.carol, offer, false);
    gas.put(
        "market acceptOffer, 2 data items",
        ok(f.send(
                f.bob,
                f.market,
                InftAbi.acceptOffer(offer, offerSig, f.plan(two, f.bob, f.carol).build())))
            .gas());

    Map<String, Long> bound =
        Map.of(
            "registerOracle (software attestation)", 150_000L,
            "mint, 1 data item", 310_000L,
            "update, 1 data item", 135_000L,
            "authorizeUsage", 80_000L,
            "iClone, 1 data item", 395_000L,
            "iTransfer, 1 data item", 212_000L,
            "iTransfer, 2 data items", 337_000L,
            "market buy (listing), 1 data item", 365_000L,
            "market acceptOffer, 2 data items", 422_000L);
    gas.forEach((op, g) -> assertThat(g).as(op).isLessThanOrEqualTo(bound.get(op)));
  }
}

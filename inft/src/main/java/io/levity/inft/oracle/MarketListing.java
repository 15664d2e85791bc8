package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.inft.InftTypedData;
import io.levity.inft.MarketOrder;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiType;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A seller's signed AgentMarket listing, carried in a buyer's TRANSFER request ({@code input}): the
 * buyer is neither owner nor operator, so the oracle re-encrypts for it only against a listing the
 * owner signed for this token that the buyer may take and that has not expired. The market then
 * settles it by {@code buy}, which checks the same listing again and pays.
 */
public record MarketListing(MarketOrder order, Bytes signature) {
  private static final List<AbiType> TYPES =
      AbiType.parseList("(address,address,uint256,uint256,address,uint256,uint256,bytes)");

  /** The request {@code input} carrying this listing. */
  public Bytes encode() {
    MarketOrder o = order;
    return AbiCodec.encode(
        TYPES,
        List.of(
            o.maker(),
            o.nft(),
            o.tokenId(),
            o.price(),
            o.taker(),
            o.nonce(),
            o.expiry(),
            signature));
  }

  public static MarketListing decode(Bytes input) {
    AbiValues v = AbiCodec.decode(TYPES, input);
    return new MarketListing(
        new MarketOrder(
            v.address(0),
            v.address(1),
            v.bigInteger(2),
            v.bigInteger(3),
            v.address(4),
            v.bigInteger(5),
            v.longValue(6)),
        v.bytes(7));
  }

  /** Who signed it as a listing in {@code market}'s domain, if it recovers. */
  Optional<Address> signer(long chainId, Address market) {
    return InftTypedData.recover(
        InftTypedData.orderDigest(chainId, market, order, true), signature);
  }

  /** Checks it lets {@code buyer} receive {@code tokenId} from {@code owner} at {@code now}. */
  void check(InftChainView chain, BigInteger tokenId, Address owner, Address buyer, long now) {
    String bad = null;
    if (chain.market().equals(Address.ZERO)) bad = "this oracle knows no market";
    else if (!order.nft().equals(chain.nft()) || !order.tokenId().equals(tokenId))
      bad = "the listing is for another token";
    else if (!order.maker().equals(owner)) bad = "the listing's seller no longer owns the token";
    else if (!order.taker().equals(Address.ZERO) && !order.taker().equals(buyer))
      bad = "the listing is directed to " + order.taker();
    else if (order.expiry() < now) bad = "the listing expired at " + order.expiry();
    else if (!signer(chain.chainId(), chain.market()).map(owner::equals).orElse(false))
      bad = "the listing is not signed by the owner";
    else if (!chain.isApproved(tokenId, owner, chain.market()))
      bad = "the seller has not made the market its operator";
    if (bad != null) throw new OracleException(OracleError.NOT_OWNER, bad);
  }
}

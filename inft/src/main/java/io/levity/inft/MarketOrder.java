package io.levity.inft;

import io.levity.core.bytes.Address;
import java.math.BigInteger;
import java.util.List;

/**
 * An AgentMarket order: a listing (maker = seller, taker = buyer) or an offer (maker = buyer, taker
 * = seller); {@code taker} is {@link Address#ZERO} for an open order.
 *
 * @param expiry the last block timestamp (seconds) the order can settle at
 */
public record MarketOrder(
    Address maker,
    Address nft,
    BigInteger tokenId,
    BigInteger price,
    Address taker,
    BigInteger nonce,
    long expiry) {
  List<Object> abiValue() {
    return List.of(maker, nft, tokenId, price, taker, nonce, expiry);
  }
}

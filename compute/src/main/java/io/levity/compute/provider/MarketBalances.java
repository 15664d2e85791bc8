package io.levity.compute.provider;

import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.serving.UserBalances;
import io.levity.core.bytes.Address;
import java.math.BigInteger;

/**
 * Each user's balance for this provider read from the market: the (user, provider) sub-account's
 * balance, which drops when a batch is submitted (the gate subtracts fees not yet submitted
 * itself).
 */
public record MarketBalances(InferenceMarketClient market, Address provider)
    implements UserBalances {
  @Override
  public BigInteger balance(Address user) {
    return market.subAccount(user, provider).balance();
  }
}

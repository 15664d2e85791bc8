package io.levity.compute.client;

import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.inference.MarketState;
import io.levity.core.bytes.Address;
import java.util.Optional;

/**
 * What a user's client reads from the market: a provider's registered service, the user's settled
 * nonce with it, and the EIP-712 domain requests are signed in. {@link #of} reads the
 * InferenceMarket contract; tests fill it from a map.
 */
public interface ProviderDirectory {
  /** The provider's registered service, or empty when it has not registered. */
  Optional<InferenceService> service(Address provider);

  /**
   * The highest nonce of {@code user} the market has settled with {@code provider} (0 for none).
   */
  long settledNonce(Address user, Address provider);

  InferenceTypedData.Domain domain();

  /** The directory of a market contract. */
  static ProviderDirectory of(InferenceMarketClient market) {
    InferenceTypedData.Domain domain = market.domain();
    return new ProviderDirectory() {
      @Override
      public Optional<InferenceService> service(Address provider) {
        return market.provider(provider).map(MarketState.Provider::service);
      }

      @Override
      public long settledNonce(Address user, Address provider) {
        return market.subAccount(user, provider).settledNonce();
      }

      @Override
      public InferenceTypedData.Domain domain() {
        return domain;
      }
    };
  }
}

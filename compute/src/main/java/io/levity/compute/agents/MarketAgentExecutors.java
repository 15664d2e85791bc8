package io.levity.compute.agents;

import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.MarketState;
import io.levity.compute.inference.ServiceType;
import io.levity.core.bytes.Address;
import io.levity.inft.oracle.AgentExecutors;
import java.util.Optional;

/**
 * The oracle admits as an agent executor any chat provider registered on the inference market,
 * staked and not unbonding: an executor that misbehaves on a paid answer can be challenged and
 * slashed there. A stake does not stop a user from registering a provider of its own to read an
 * agent's data: that costs the market's minimum stake, no more (docs/compute.md).
 */
public final class MarketAgentExecutors implements AgentExecutors {
  private final InferenceMarketClient market;

  public MarketAgentExecutors(InferenceMarketClient market) {
    this.market = market;
  }

  @Override
  public Optional<String> refusal(Address executor) {
    Optional<MarketState.Provider> p = market.provider(executor);
    if (p.isEmpty())
      return Optional.of(
          executor + " is not a provider on the inference market " + market.address());
    if (p.get().service().type() != ServiceType.CHAT)
      return Optional.of(executor + " serves no chat model on the inference market");
    if (p.get().unbondedAt() != 0 || p.get().stake().signum() == 0)
      return Optional.of(executor + " is unbonding or holds no stake on the inference market");
    return Optional.empty();
  }
}

package io.levity.compute.agents;

import io.levity.core.bytes.Address;

/** Where a provider gets the system prompt of an agent it runs for a user. */
@FunctionalInterface
public interface AgentSource {
  /** A provider that runs no agents. */
  AgentSource NONE =
      (call, user) -> {
        throw new AgentRefusal(
            400, "this provider does not run iNFT agents (it was started without --oracle)");
      };

  /**
   * The agent's data as text, once {@code user} is found allowed to run it; throws {@link
   * AgentRefusal} otherwise. {@code user} is who the request claims to be: the caller verifies the
   * request's signature before answering.
   */
  String systemPrompt(AgentCall call, Address user);
}

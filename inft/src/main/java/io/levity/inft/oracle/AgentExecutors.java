package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import java.util.Optional;
import java.util.Set;

/**
 * Who the oracle may hand an agent's plaintext to so that it runs the agent for an authorized user
 * ({@code EXECUTE}). The check exists because the user names the executor: without it a user could
 * name its own address and read the data it is only authorized to use.
 */
@FunctionalInterface
public interface AgentExecutors {
  /** The default: no executor at all, so {@code EXECUTE} is refused until one is configured. */
  AgentExecutors NONE =
      executor ->
          Optional.of(
              "this oracle hands agents to no executor (start it with --executor ADDR or"
                  + " --inference-market ADDR)");

  /** Empty when {@code executor} may run agents; otherwise why it may not. */
  Optional<String> refusal(Address executor);

  /** Exactly the addresses in {@code allowed}. */
  static AgentExecutors allowlist(Set<Address> allowed) {
    Set<Address> copy = Set.copyOf(allowed);
    return executor ->
        copy.contains(executor)
            ? Optional.empty()
            : Optional.of(executor + " is not on this oracle's list of agent executors");
  }

  /** Admitted by this or by {@code other}; the refusal names both reasons. */
  default AgentExecutors or(AgentExecutors other) {
    return executor -> {
      Optional<String> mine = refusal(executor);
      if (mine.isEmpty()) return mine;
      return other.refusal(executor).map(theirs -> mine.get() + "; " + theirs);
    };
  }
}

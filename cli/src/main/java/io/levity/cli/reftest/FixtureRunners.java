package io.levity.cli.reftest;

import java.util.List;

/** The registry of fixture runners, most specific shapes first. */
public final class FixtureRunners {
  private FixtureRunners() {}

  public static List<FixtureRunner> all() {
    return List.of(
        new StateTestFixtureRunner(),
        new TransactionFixtureRunner(),
        new TrieFixtureRunner(),
        new RlpFixtureRunner());
  }
}

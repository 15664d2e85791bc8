package io.levity.cli.options;

import io.levity.node.runtime.Devnet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --validators --chain-id --accounts --block-time --gas-limit}: the chain a command creates,
 * one definition for {@code levity devnet} and {@code levity init}.
 */
public final class ChainOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--validators", paramLabel = "N")
  int validators = 4;

  @Option(names = "--chain-id", paramLabel = "ID")
  long chainId = Devnet.CHAIN_ID;

  @Option(names = "--accounts", paramLabel = "N")
  int accounts = 10;

  @Option(names = "--block-time", paramLabel = "MS")
  long blockTimeMillis = 1_000;

  @Option(names = "--gas-limit", paramLabel = "GAS")
  long gasLimit = Devnet.DEVNET_GAS_LIMIT;

  /** What was given, checked. */
  public NewChain chain() {
    return OptionValues.validated(
        command, () -> new NewChain(validators, chainId, accounts, blockTimeMillis, gasLimit));
  }
}

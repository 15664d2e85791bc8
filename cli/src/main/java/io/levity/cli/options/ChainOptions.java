package io.levity.cli.options;

import io.levity.node.runtime.Devnet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --validators --chain-id --accounts --block-time}: the chain a command creates, one
 * definition for {@code levity devnet} and {@code levity init}.
 */
public final class ChainOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--validators", paramLabel = "N", description = "Validators, 1..64.")
  int validators = 4;

  @Option(names = "--chain-id", paramLabel = "ID", description = "Chain id.")
  long chainId = Devnet.CHAIN_ID;

  @Option(
      names = "--accounts",
      paramLabel = "N",
      description =
          "Dev accounts (mnemonic 'test test ... junk') funded with 10000 ETH each at genesis,"
              + " 0..1000.")
  int accounts = 10;

  @Option(names = "--block-time", paramLabel = "MS", description = "Target block time in ms.")
  long blockTimeMillis = 1_000;

  /** What was given, checked. */
  public NewChain chain() {
    return OptionValues.validated(
        command, () -> new NewChain(validators, chainId, accounts, blockTimeMillis));
  }
}

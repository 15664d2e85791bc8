package io.levity.cli.bench.tps;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which chains {@code levity bench tps} drives: a devnet it starts (or one at --rpc), Hardhat (or
 * one at --hardhat-rpc), or both.
 */
final class TpsTargetOptions {
  /** The chains to run on. */
  enum TargetChoice {
    levity,
    hardhat,
    both
  }

  /**
   * The targets.
   *
   * @param blockTimeMillis --block-time of a devnet started here; 0: the devnet's default
   * @param gasLimit --gas-limit (block gas limit) of a devnet started here; 0: the devnet's default
   * @param validators --validators of a devnet started here; 0: the devnet's default (4)
   */
  record Targets(
      TargetChoice target,
      Optional<URI> rpc,
      Optional<URI> hardhatRpc,
      long blockTimeMillis,
      long gasLimit,
      int validators) {
    boolean levity() {
      return target != TargetChoice.hardhat;
    }

    boolean hardhat() {
      return target != TargetChoice.levity;
    }
  }

  @Option(names = "--target", paramLabel = "levity|hardhat|both")
  TargetChoice target = TargetChoice.both;

  @Option(names = "--rpc", paramLabel = "URL")
  URI rpc;

  @Option(names = "--hardhat-rpc", paramLabel = "URL")
  URI hardhatRpc;

  @Option(names = "--block-time", paramLabel = "MS")
  long blockTimeMillis;

  @Option(names = "--gas-limit", paramLabel = "GAS")
  long gasLimit;

  @Option(names = "--validators", paramLabel = "N")
  int validators;

  Targets targets() {
    return new Targets(
        target,
        Optional.ofNullable(rpc),
        Optional.ofNullable(hardhatRpc),
        blockTimeMillis,
        gasLimit,
        validators);
  }
}

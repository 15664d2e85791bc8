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
   */
  record Targets(
      TargetChoice target, Optional<URI> rpc, Optional<URI> hardhatRpc, long blockTimeMillis) {
    boolean levity() {
      return target != TargetChoice.hardhat;
    }

    boolean hardhat() {
      return target != TargetChoice.levity;
    }
  }

  @Option(
      names = "--target",
      paramLabel = "levity|hardhat|both",
      description = "levity, hardhat or both.")
  TargetChoice target = TargetChoice.both;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "Drive the Levity node at this JSON-RPC URL instead of starting a devnet.")
  URI rpc;

  @Option(
      names = "--hardhat-rpc",
      paramLabel = "URL",
      description = "Drive the Hardhat node at this URL instead of starting one.")
  URI hardhatRpc;

  @Option(
      names = "--block-time",
      paramLabel = "MS",
      description = "--block-time of the devnet started here; 0: the devnet's own (1000 ms).")
  long blockTimeMillis;

  Targets targets() {
    return new Targets(
        target, Optional.ofNullable(rpc), Optional.ofNullable(hardhatRpc), blockTimeMillis);
  }
}

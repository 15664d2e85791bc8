package io.levity.cli.bench.tps;

import io.levity.cli.process.ChildProcess;
import java.net.URI;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A chain the benchmark drives: where its JSON-RPC is, and how to stop it if the benchmark started
 * it.
 */
public sealed interface TargetChain extends AutoCloseable {
  /** "levity" or "hardhat". */
  String name();

  /** What exactly runs, for the report. */
  String description();

  URI rpcUrl();

  /** How many dev accounts of the standard mnemonic it funds (the most senders it can take). */
  int fundedAccounts();

  /**
   * The most of one sender's transactions to send in one JSON-RPC batch. Hardhat runs a batch's
   * entries concurrently (Promise.all) and automine cannot hold a nonce ahead of the account's, so
   * a batch of consecutive nonces is refused "nonce too high" in part: it gets single calls.
   */
  default int batchLimit() {
    return name().equals("hardhat") ? 1 : Integer.MAX_VALUE;
  }

  /** The process to meter (CPU, memory), if the benchmark started it. */
  OptionalLong pid();

  /** Stops what the benchmark started; never throws. */
  @Override
  void close();

  /** A node someone else runs (--rpc): nothing to start or stop. */
  record Existing(String name, URI rpcUrl, int fundedAccounts) implements TargetChain {
    @Override
    public String description() {
      return name + " node at " + rpcUrl + " (not started by the benchmark)";
    }

    @Override
    public OptionalLong pid() {
      return OptionalLong.empty();
    }

    @Override
    public void close() {}
  }

  /**
   * A chain process the benchmark started; {@link #close} stops it (waiting up to {@code grace})
   * and then runs {@code cleanup} (deleting its data).
   */
  record Started(
      String name,
      String description,
      URI rpcUrl,
      int fundedAccounts,
      ChildProcess process,
      Duration grace,
      Runnable cleanup)
      implements TargetChain {
    @Override
    public OptionalLong pid() {
      return OptionalLong.of(process.pid());
    }

    @Override
    public void close() {
      process.stop(grace);
      cleanup.run();
    }
  }
}

package io.levity.cli.node;

import io.levity.cli.options.NewChain;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.execution.block.Block;
import io.levity.node.dev.DevChain;
import io.levity.node.dev.DevNode;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code levity devnet --dev}: the single-node dev chain (automine, snapshots, time travel, state
 * edits) that Hardhat, Foundry and viem test suites expect, instead of the BFT devnet.
 */
final class DevMode {
  /**
   * Options of the BFT devnet that mean nothing in dev mode: given with --dev, they are refused.
   */
  static final List<String> NOT_WITH_DEV =
      List.of(
          "--validators",
          "--block-time",
          "--data-dir",
          "--reset",
          "--storage-nodes",
          "--da-nodes",
          "--metrics-port",
          "--p2p-port",
          "--oracle-port",
          "--compute-port",
          "--da-port");

  private DevMode() {}

  /** Refuses options that do not apply, and a chain id other than the dev chain's. */
  static void check(CommandLine cmd, NewChain chain) {
    for (String o : NOT_WITH_DEV) {
      if (cmd.getParseResult().hasMatchedOption(o))
        throw new ParameterException(
            cmd, o + " does not apply with --dev (one in-memory node, no other layers)");
    }
    if (chain.chainId() != Devnet.CHAIN_ID)
      throw new ParameterException(
          cmd,
          "--dev runs on the dev chain id "
              + Devnet.CHAIN_ID
              + " only: its methods rewrite history and state");
  }

  static int run(PrintWriter out, NewChain chain, DevnetPorts.Values ports, long stopAfter)
      throws InterruptedException {
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(chain.accounts());
    try (DevNode node =
        new DevNode(
            new DevNode.Config(chain.chainId(), keys, NewChain.ETHER_EACH, chain.gasLimit()),
            TimeSource.system())) {
      int[] rpc = node.serveRpc(ports.http(), ports.ws(), LocalDevnet.DEVNET_RPC);
      out.println(
          "Levity devnet --dev: one node, chain id "
              + chain.chainId()
              + ", in memory, automine on (a block per transaction; evm_setAutomine false and"
              + " evm_mine for blocks on demand)");
      out.println("HTTP JSON-RPC: http://127.0.0.1:" + rpc[0]);
      out.println("WebSocket:     ws://127.0.0.1:" + rpc[1]);
      out.println(
          "Test methods:  evm_snapshot/revert/mine/increaseTime/setNextBlockTimestamp/"
              + "setAutomine, anvil_ (or hardhat_) mine/setBalance/setCode/setStorageAt/setNonce/"
              + "reset; eth_sendTransaction signs for the accounts below");
      out.println();
      DevnetCommand.printAccounts(out, keys);
      out.flush();
      watch(out, node.chain(), stopAfter);
    }
    return 0;
  }

  /** Prints each new block until stopped; blocks a revert removed are not printed twice. */
  private static void watch(PrintWriter out, DevChain chain, long stopAfter)
      throws InterruptedException {
    long printed = 0;
    long seen = 0;
    while (stopAfter == 0 || seen < stopAfter) {
      long head = chain.head().number();
      if (head < printed) {
        out.printf("rewound to block %d%n", head);
        printed = head;
      }
      while (printed < head) {
        printed++;
        seen++;
        Block b = chain.blockAt(printed);
        if (b == null) break;
        out.printf(
            "block %d %s txs=%d gas=%d%n",
            printed, b.hash().toHex(), b.transactions().size(), b.header().gasUsed());
      }
      out.flush();
      Thread.sleep(100);
    }
  }
}

package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.tx.Transaction;
import io.levity.execution.block.Genesis;
import io.levity.node.keys.DevAccounts;
import io.levity.node.p2p.PeerAddress;
import io.levity.testing.ManualScheduler;
import io.levity.testing.RpcCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The fixture of the {@code *SimTest} classes: whole nodes (engine, pacing, execution, sync,
 * in-memory stores) of a four-validator devnet on an in-memory network in virtual time, plus any
 * full nodes a test adds. Deterministic, no socket, no sleep. Close it after each test.
 */
final class SimCluster implements AutoCloseable {
  static final long BLOCK_MILLIS = 1_000;
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(1);
  static final Genesis GENESIS =
      Devnet.genesis(Devnet.CHAIN_ID, List.of(ACCOUNTS.get(0).address()), 10);
  static final List<Ed25519.KeyPair> KEYS = Devnet.validatorKeys(4);

  final ManualScheduler scheduler = new ManualScheduler();
  final SimNetwork network = new SimNetwork(scheduler);
  final List<ValidatorNode> nodes = new ArrayList<>();
  final List<PeerAddress> addresses = new ArrayList<>();

  @Override
  public void close() {
    nodes.forEach(ValidatorNode::close);
  }

  /** Validator {@code i}'s configuration, in memory unless a test gives it a directory. */
  static ValidatorConfig validator(int i) {
    return ValidatorConfig.of(i, null, GENESIS, KEYS, 0, BLOCK_MILLIS, 3 * BLOCK_MILLIS);
  }

  /** A node on this cluster's scheduler and network, closed with the cluster. */
  ValidatorNode node(ValidatorConfig cfg) {
    ValidatorNode n = new ValidatorNode(cfg, scheduler, network.factory());
    nodes.add(n);
    return n;
  }

  /** Starts validators 0..count-1 and connects each to all (validator 3 may be left to a test). */
  void startValidators(int count) throws InterruptedException {
    for (int i = 0; i < count; i++) node(validator(i));
    for (ValidatorNode v : nodes) addresses.add(new PeerAddress("127.0.0.1", v.start()));
    for (ValidatorNode v : nodes) v.connect(addresses);
  }

  /** A full node (a key outside the validator set), not started. */
  ValidatorNode fullNode() {
    return node(
        new ValidatorConfig(
            Ed25519.KeyPair.fromSeed(new byte[32]),
            ValidatorConfig.publicKeys(KEYS),
            null,
            GENESIS,
            0,
            BLOCK_MILLIS,
            3 * BLOCK_MILLIS,
            Address.ZERO,
            ValidatorConfig.DEFAULT_P2P_HOST));
  }

  /** The four validators (the first four nodes). */
  List<ValidatorNode> validators() {
    return nodes.subList(0, 4);
  }

  /** Runs virtual time until {@code condition} holds; returns the virtual milliseconds it took. */
  long runUntil(BooleanSupplier condition, long limitMillis, String what) {
    long start = scheduler.nowMillis();
    while (!condition.getAsBoolean()) {
      assertThat(scheduler.nowMillis() - start)
          .as("virtual ms waiting for " + what)
          .isLessThan(limitMillis);
      scheduler.advance(5);
    }
    return scheduler.nowMillis() - start;
  }

  /** {@code eth_sendRawTransaction} of {@code tx} to {@code node}: its whole JSON-RPC answer. */
  static JsonNode send(ValidatorNode node, Transaction tx) {
    return RpcCalls.call(
        node.rpc()::handle,
        "eth_sendRawTransaction",
        "[\"" + Bytes.wrap(tx.encode()).toHex() + "\"]");
  }
}

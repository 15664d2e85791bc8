package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.ContractAddress;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Genesis;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.TestTransactions;
import io.levity.node.mempool.AccountReader;
import io.levity.node.mempool.Mempool;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.testing.ManualScheduler;
import io.levity.trie.InMemoryKeyValueStore;
import io.levity.trie.KeyValueStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small chain in memory: block 1 holds a transfer and a contract deployment, block 2 a call that
 * stores and logs and a call that reverts with Error("nope").
 */
final class TestChain {
  static final long CHAIN_ID = 1337;
  static final long GAS_LIMIT = 30_000_000;
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);
  static final TransactionSigner ALICE =
      new TransactionSigner(KeyPair.fromPrivate(Keccak.hash(new byte[] {1})));
  static final Address BOB = Address.fromHex("0x" + "b0".repeat(20));
  static final Bytes32 TOPIC =
      Keccak.hash(Bytes.wrap("Stored(address)".getBytes(StandardCharsets.UTF_8)));
  static final Bytes RUNTIME = runtime();
  static final Address CONTRACT = ContractAddress.create(ALICE.address(), 1);
  static final Genesis GENESIS =
      new Genesis(
          CHAIN_ID,
          GAS_LIMIT,
          0,
          GWEI,
          Bytes.EMPTY,
          Map.of(ALICE.address(), Genesis.Account.ofBalance(GWEI.multiply(1_000_000_000L))));

  final RocksDbBlockStore store;
  final Mempool mempool;
  final Transaction transfer;
  final Transaction deploy;
  final Transaction logCall;
  final Transaction revertCall;
  final Block block1;
  final Block block2;

  TestChain() {
    this(new InMemoryKeyValueStore());
  }

  /** The same chain over a given store (a test can count what is read). */
  TestChain(KeyValueStore kv) {
    store = new RocksDbBlockStore(kv);
    TrieWorldState state = store.initialize(GENESIS);
    transfer = ALICE.transfer(CHAIN_ID, 0, BOB, UInt256.valueOf(1000), GWEI, GWEI.multiply(3));
    deploy = tx(1, Optional.empty(), initcode(), 200_000);
    block1 = commit(state, List.of(transfer, deploy));
    logCall = tx(2, Optional.of(CONTRACT), Bytes.EMPTY, 100_000);
    revertCall = tx(3, Optional.of(CONTRACT), Bytes.of((byte) 1), 100_000);
    block2 = commit(store.headState(), List.of(logCall, revertCall));
    AccountReader reader =
        new AccountReader() {
          @Override
          public long nonce(Address address) {
            return store.headState().nonce(address);
          }

          @Override
          public UInt256 balance(Address address) {
            return store.headState().balance(address);
          }
        };
    mempool = new Mempool(MempoolConfig.DEFAULT, reader, GAS_LIMIT, new ManualScheduler());
  }

  /** Appends {@code n} blocks without transactions (so without logs). */
  void addEmptyBlocks(int n) {
    for (int i = 0; i < n; i++) commit(store.headState(), List.of());
  }

  /** Appends a block of {@code n} calls that each store and log (one log each). */
  Block addLogCalls(int n) {
    long nonce = store.headState().nonce(ALICE.address());
    List<Transaction> txs = new ArrayList<>();
    for (int i = 0; i < n; i++) txs.add(tx(nonce + i, Optional.of(CONTRACT), Bytes.EMPTY, 100_000));
    return commit(store.headState(), txs);
  }

  static Transaction tx(long nonce, Optional<Address> to, Bytes data, long gas) {
    return TestTransactions.call(ALICE, CHAIN_ID, nonce, to, data, gas);
  }

  private Block commit(TrieWorldState state, List<Transaction> txs) {
    BlockHeader parent = store.head().orElseThrow();
    BlockBuilder.Params params =
        new BlockBuilder.Params(
            Address.fromHex("0x" + "c0".repeat(20)),
            parent.timestamp() + 1,
            Bytes32.ZERO,
            GAS_LIMIT,
            Bytes.EMPTY,
            Bytes32.ZERO);
    BlockBuilder.Built built =
        new BlockBuilder(Fork.CANCUN, CHAIN_ID)
            .build(state, parent, params, txs, n -> store.canonicalHash(n).orElse(Bytes32.ZERO));
    if (!built.dropped().isEmpty()) throw new IllegalStateException("dropped " + built.dropped());
    store.commit(built.block(), built.receipts(), state);
    return built.block();
  }

  /**
   * No calldata: SSTORE(1, 42), then LOG2(data = 42, topics = TOPIC, caller). With calldata: REVERT
   * with Error("nope").
   */
  private static Bytes runtime() {
    ByteArrayOutputStream c = new ByteArrayOutputStream();
    int revertAt = 1 + 2 + 1 + 5 + 5 + 1 + 33 + 2 + 2 + 1 + 1;
    c.writeBytes(new byte[] {0x36, 0x60, (byte) revertAt, 0x57}); // CALLDATASIZE PUSH1 dest JUMPI
    c.writeBytes(new byte[] {0x60, 0x2a, 0x60, 0x01, 0x55}); // SSTORE(1, 42)
    c.writeBytes(new byte[] {0x60, 0x2a, 0x60, 0x00, 0x52}); // MSTORE(0, 42)
    c.write(0x33); // CALLER
    c.write(0x7f);
    c.writeBytes(TOPIC.toArray());
    c.writeBytes(
        new byte[] {0x60, 0x20, 0x60, 0x00, (byte) 0xa2, 0x00}); // LOG2(0, 32, TOPIC, caller) STOP
    if (c.size() != revertAt) throw new IllegalStateException("jump destination is " + c.size());
    c.write(0x5b); // JUMPDEST
    c.write(0x7f);
    c.writeBytes(word("08c379a0"));
    c.writeBytes(new byte[] {0x60, 0x00, 0x52}); // MSTORE(0, selector)
    c.writeBytes(new byte[] {0x60, 0x20, 0x60, 0x04, 0x52}); // MSTORE(4, 32)
    c.writeBytes(new byte[] {0x60, 0x04, 0x60, 0x24, 0x52}); // MSTORE(36, 4)
    c.write(0x7f);
    c.writeBytes(word("6e6f7065")); // "nope"
    c.writeBytes(new byte[] {0x60, 0x44, 0x52}); // MSTORE(68, "nope")
    c.writeBytes(new byte[] {0x60, 0x64, 0x60, 0x00, (byte) 0xfd}); // REVERT(0, 100)
    return Bytes.wrap(c.toByteArray());
  }

  /** A left-aligned 32-byte word. */
  private static byte[] word(String hexPrefix) {
    byte[] w = new byte[32];
    byte[] p = Bytes.fromHex("0x" + hexPrefix).toArray();
    System.arraycopy(p, 0, w, 0, p.length);
    return w;
  }

  /** CODECOPY the runtime after this 12-byte prefix and RETURN it. */
  static Bytes initcode() {
    int n = RUNTIME.size();
    byte[] prefix = {
      0x60, (byte) n, 0x60, 12, 0x60, 0x00, 0x39, 0x60, (byte) n, 0x60, 0x00, (byte) 0xf3
    };
    return Bytes.concat(Bytes.wrap(prefix), RUNTIME);
  }
}

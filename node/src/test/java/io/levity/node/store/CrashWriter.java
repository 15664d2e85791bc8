package io.levity.node.store;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Genesis;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A process that commits one-transfer blocks until it is killed; {@link BlockStoreCrashIT} kills
 * it.
 */
public final class CrashWriter {
  static final long CHAIN_ID = 4242;
  static final TransactionSigner ALICE = new TransactionSigner(KeyPair.fromPrivate(filled(0x31)));
  static final Address BOB = Address.fromHex("0x" + "b0".repeat(20));
  static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);
  static final Genesis GENESIS =
      new Genesis(
          CHAIN_ID,
          30_000_000,
          0,
          GWEI,
          Bytes.EMPTY,
          Map.of(ALICE.address(), Genesis.Account.ofBalance(GWEI.multiply(1_000_000_000_000L))));

  private CrashWriter() {}

  static Bytes32 filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return Bytes32.wrap32(out);
  }

  public static void main(String[] args) {
    try (RocksDbBlockStore store = RocksDbBlockStore.open(Path.of(args[0]))) {
      store.initialize(GENESIS);
      BlockBuilder builder = new BlockBuilder(Fork.CANCUN, CHAIN_ID);
      while (true) {
        BlockHeader parent = store.head().orElseThrow();
        TrieWorldState state = store.headState();
        long nonce = state.nonce(ALICE.address());
        BlockBuilder.Built built =
            builder.build(
                state,
                parent,
                new BlockBuilder.Params(
                    Address.ZERO,
                    parent.timestamp() + 1,
                    filled(1),
                    30_000_000,
                    Bytes.EMPTY,
                    Bytes32.ZERO),
                List.of(ALICE.transfer(CHAIN_ID, nonce, BOB, UInt256.ONE, GWEI, GWEI.multiply(3))),
                n -> Bytes32.ZERO);
        store.commit(built.block(), built.receipts(), state);
        System.out.println("committed " + built.block().number());
        System.out.flush();
      }
    }
  }
}

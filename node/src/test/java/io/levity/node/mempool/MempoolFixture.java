package io.levity.node.mempool;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.fork.Fork;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.testing.ManualScheduler;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What the mempool tests share: accounts the test sets, a clock, signers and transfers. */
abstract class MempoolFixture {
  static final long CHAIN = 1337;
  static final long GAS_LIMIT = 30_000_000;
  static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000aa");

  final Map<Address, Long> nonces = new HashMap<>();
  final Map<Address, UInt256> balances = new HashMap<>();
  final AccountReader state =
      new AccountReader() {
        @Override
        public long nonce(Address a) {
          return nonces.getOrDefault(a, 0L);
        }

        @Override
        public UInt256 balance(Address a) {
          return balances.getOrDefault(a, UInt256.ZERO);
        }
      };
  final ManualScheduler time = new ManualScheduler();
  private final TransactionValidator validator = new TransactionValidator(Fork.CANCUN, CHAIN);

  Mempool pool(MempoolConfig config) {
    return new Mempool(config, state, GAS_LIMIT, time);
  }

  static TransactionSigner signer(int i) {
    return new TransactionSigner(
        KeyPair.fromPrivate(Keccak.hash(ByteBuffer.allocate(4).putInt(i).array())));
  }

  /** A signed transfer of 1 wei; its sender gets 1 ether unless the test set a balance. */
  ValidatedTransaction tx(TransactionSigner s, long nonce, long tip, long maxFee) {
    balances.putIfAbsent(s.address(), UInt256.valueOf(1_000_000_000_000_000_000L));
    DynamicFeeTransaction draft =
        new DynamicFeeTransaction(
            OptionalLong.of(CHAIN),
            nonce,
            UInt256.valueOf(tip),
            UInt256.valueOf(maxFee),
            21_000,
            Optional.of(TO),
            UInt256.ONE,
            Bytes.EMPTY,
            List.of(),
            Transaction.UNSIGNED);
    return validator.validate(s.sign(draft));
  }
}

package io.levity.bench;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.core.tx.TransactionSigner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What asking a transaction for its hash costs: a decoded transaction keeps its bytes and hash
 * ({@code kept}); before, every ask re-encoded and re-hashed it ({@code reencoded}, a copy without
 * the kept values, as {@code withSignature} makes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TransactionHashBench {
  private Transaction decoded;

  @Setup
  public void setup() {
    TransactionSigner s = new TransactionSigner(KeyPair.fromPrivate(Keccak.hash(new byte[] {1})));
    Transaction tx =
        s.transfer(
            1337,
            7,
            Address.fromHex("0x" + "ab".repeat(20)),
            UInt256.ONE,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(2_000_000_000_000L));
    decoded = TransactionDecoder.decode(tx.encode());
  }

  @Benchmark
  public Bytes32 kept() {
    return decoded.hash();
  }

  @Benchmark
  public Bytes32 reencoded() {
    return decoded.withSignature(decoded.signature()).hash();
  }
}

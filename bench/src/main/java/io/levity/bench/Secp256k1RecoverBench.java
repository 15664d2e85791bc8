package io.levity.bench;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import java.nio.charset.StandardCharsets;
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
 * Recovering a sender address from a 32-byte digest and a recoverable signature, as every
 * transaction needs: libsecp256k1 recovery (JNI) plus keccak of the public key. Time per recovery.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class Secp256k1RecoverBench {
  private byte[] digest;
  private Signature signature;

  @Setup
  public void setup() {
    Secp256k1.KeyPair key =
        Secp256k1.KeyPair.fromPrivate(
            Bytes32.fromHex32(
                "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
    digest = Keccak.hash256("levity benchmark transaction".getBytes(StandardCharsets.UTF_8));
    signature = key.sign(digest);
    Address recovered = Secp256k1.recoverAddress(digest, signature).orElseThrow();
    if (!recovered.equals(key.address()))
      throw new IllegalStateException("recovery gave " + recovered);
  }

  @Benchmark
  public Address recoverAddress() {
    return Secp256k1.recoverAddress(digest, signature).orElseThrow();
  }
}

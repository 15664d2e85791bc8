package io.levity.bench;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import java.util.ArrayList;
import java.util.List;
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
 * BLS on BN254 (core's {@code Bls}), time per call: hashing a digest to G1, signing, verifying one
 * signature (two-pair pairing check), the contract's aggregate check (two scalar multiplications by
 * gamma, then a two-pair pairing check) and aggregating 64 signatures. Encodings are decoded on
 * every call, with G2's subgroup check, as a node verifying certificates off the wire would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlsBench {
  private static final int SIGNERS = 64;

  private final Bytes32 message = Keccak.hash(Bytes.of((byte) 1, (byte) 5));
  private BlsKeyPair pair;
  private BlsSignature signature;
  private BlsPublicKey aggregateKey;
  private BlsSignature aggregate;
  private List<BlsSignature> signatures;

  @Setup
  public void setup() {
    pair = Bls.fromSeed(Keccak.hash(Bytes.of((byte) 7)));
    signature = Bls.sign(pair.secret(), message);
    List<BlsPublicKey> keys = new ArrayList<>();
    signatures = new ArrayList<>();
    for (int i = 0; i < SIGNERS; i++) {
      BlsKeyPair signer = Bls.fromSeed(Keccak.hash(Bytes.of((byte) i, (byte) 9)));
      keys.add(signer.publicKey());
      signatures.add(Bls.sign(signer.secret(), message));
    }
    aggregateKey = Bls.aggregateKeys(keys);
    aggregate = Bls.aggregateSignatures(signatures);
    if (!Bls.verify(pair.publicKey(), message, signature)
        || !Bls.verifyAggregate(aggregateKey, message, aggregate)) {
      throw new IllegalStateException("benchmark inputs do not verify");
    }
  }

  @Benchmark
  public Bytes hashToG1() {
    return Bls.hashToG1(message);
  }

  @Benchmark
  public BlsSignature sign() {
    return Bls.sign(pair.secret(), message);
  }

  @Benchmark
  public boolean verify() {
    return Bls.verify(pair.publicKey(), message, signature);
  }

  @Benchmark
  public boolean verifyAggregate() {
    return Bls.verifyAggregate(aggregateKey, message, aggregate);
  }

  @Benchmark
  public BlsSignature aggregate64Signatures() {
    return Bls.aggregateSignatures(signatures);
  }
}

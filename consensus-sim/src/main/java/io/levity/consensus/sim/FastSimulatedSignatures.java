package io.levity.consensus.sim;

import io.levity.consensus.crypto.ConcatenatedSignatures;
import io.levity.consensus.crypto.Signer;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for signatures inside one simulation: a 16-byte keyed hash of the message (two 64-bit
 * multiply-xorshift lanes keyed by the secret), and verifying looks the secret up by public key.
 * Unforgeable only because simulated Byzantine code never reads other validators' secrets, and not
 * cryptographic at all; it exists because Ed25519 verification would dominate the run time of
 * thousands of seeds. Never use it outside the simulator.
 */
final class FastSimulatedSignatures extends ConcatenatedSignatures {
  private final Map<Bytes, byte[]> secrets = new HashMap<>();

  FastSimulatedSignatures() {
    super(16);
  }

  @Override
  public String name() {
    return "fast-simulated";
  }

  @Override
  public Signer signer(byte[] seed) {
    byte[] secret = seed.clone();
    Bytes pub = Keccak.hash(secret);
    secrets.put(pub, secret);
    return Signer.of(pub, message -> Bytes.wrap(mac(secret, message)));
  }

  @Override
  public boolean verify(Bytes publicKey, byte[] message, Bytes signature) {
    byte[] secret = secrets.get(publicKey);
    return secret != null
        && signature.size() == 16
        && Arrays.equals(mac(secret, message), signature.unsafeArray());
  }

  private static byte[] mac(byte[] secret, byte[] message) {
    ByteBuffer key = ByteBuffer.wrap(secret);
    long a = key.getLong(0) ^ message.length;
    long b = key.getLong(8) ^ 0x9E3779B97F4A7C15L;
    ByteBuffer m = ByteBuffer.wrap(message);
    int i = 0;
    for (; i + 8 <= message.length; i += 8) {
      long w = m.getLong(i);
      a = mix(a ^ w) + key.getLong(16);
      b = mix(b + w) ^ key.getLong(24);
    }
    long tail = 0;
    for (; i < message.length; i++) tail = (tail << 8) | (message[i] & 0xff);
    a = mix(a ^ tail ^ (b >>> 17));
    b = mix(b + tail + a);
    return ByteBuffer.allocate(16).putLong(a).putLong(b).array();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}

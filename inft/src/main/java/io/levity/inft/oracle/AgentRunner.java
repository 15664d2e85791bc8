package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Sha256;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Runs an agent inside the oracle for someone who holds no key (its owner or an authorized user):
 * the decrypted items never leave, only the output does. The compute layer plugs its executor in
 * here; {@link #DIGEST} is the default.
 */
@FunctionalInterface
public interface AgentRunner {
  /**
   * The default: per item, its size (8 bytes, big-endian) and SHA-256 (32 bytes), so a user can
   * check what the agent holds without reading it.
   */
  AgentRunner DIGEST =
      (tokenId, user, items, input) -> {
        ByteBuffer out = ByteBuffer.allocate(items.size() * 40);
        for (byte[] item : items) out.putLong(item.length).put(Sha256.hash(item));
        return Bytes.wrap(out.array());
      };

  /** The output of running token {@code tokenId}'s agent (its plaintext items) on {@code input}. */
  Bytes run(BigInteger tokenId, Address user, List<byte[]> items, Bytes input);
}

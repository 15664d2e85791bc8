package io.levity.execution.tx;

import io.levity.core.bytes.Bytes32;
import io.levity.execution.fork.Fork;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Stateless validation results (the decoded transaction, its recovered sender, intrinsic gas and
 * hash) kept by the hash of the transaction's bytes, for every node in one process to share: a
 * transaction reaching a devnet's four in-process validators through RPC and gossip, and then their
 * four block imports, has its signature recovered once instead of eight times. Validation is a pure
 * function of the bytes, the fork and the chain id, so a result is reused only under the same fork
 * and chain id, and only successes are kept (a refusal is recomputed, so an attacker gains nothing
 * by repeating one). Bounded: two generations of at most {@code capacity / 2} entries each; when
 * the young one fills, it becomes the old one and the previous old one is dropped.
 */
public final class ValidationCache {
  /** About 32k transactions: a few seconds of traffic at the devnet's peak, some tens of MB. */
  private static final ValidationCache SHARED = new ValidationCache(1 << 15);

  private record Key(Bytes32 hash, Fork fork, long chainId) {}

  private final int generationSize;
  private volatile ConcurrentHashMap<Key, ValidatedTransaction> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<Key, ValidatedTransaction> old = new ConcurrentHashMap<>();

  /** A cache of at most {@code capacity} results. */
  public ValidationCache(int capacity) {
    if (capacity < 2) throw new IllegalArgumentException("capacity must be at least 2");
    this.generationSize = capacity / 2;
  }

  /** The one cache of this process. */
  public static ValidationCache shared() {
    return SHARED;
  }

  /**
   * The result kept for {@code hash} under these rules, else {@code validate}'s (kept when it
   * returns; what it throws passes through and is not kept).
   */
  ValidatedTransaction get(
      Bytes32 hash, Fork fork, long chainId, Supplier<ValidatedTransaction> validate) {
    Key key = new Key(hash, fork, chainId);
    ValidatedTransaction v = young.get(key);
    if (v == null) v = old.get(key);
    if (v != null) return v;
    v = validate.get();
    put(key, v);
    return v;
  }

  /** How many results are kept now (both generations; an entry in both counts twice). */
  public int size() {
    return young.size() + old.size();
  }

  private void put(Key key, ValidatedTransaction v) {
    ConcurrentHashMap<Key, ValidatedTransaction> y = young;
    y.put(key, v);
    if (y.size() >= generationSize) {
      synchronized (this) {
        @SuppressWarnings("ReferenceEquality") // whether another thread rolled the generation
        boolean same = young == y;
        if (same) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
      }
    }
  }
}

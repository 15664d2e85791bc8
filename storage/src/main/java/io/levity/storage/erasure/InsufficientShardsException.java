package io.levity.storage.erasure;

/**
 * Thrown when fewer than k shards are present: the data cannot be recovered; fetch more shards and
 * retry.
 */
public final class InsufficientShardsException extends IllegalArgumentException {
  private final int present;
  private final int required;

  public InsufficientShardsException(int present, int required) {
    super("cannot reconstruct: " + present + " shards present, at least " + required + " needed");
    this.present = present;
    this.required = required;
  }

  /** How many shards were present. */
  public int present() {
    return present;
  }

  /** How many are needed: the code's k. */
  public int required() {
    return required;
  }
}

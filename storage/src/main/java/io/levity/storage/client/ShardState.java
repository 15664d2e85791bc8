package io.levity.storage.client;

/**
 * Where one shard of a file stands.
 *
 * @param index the shard
 * @param health present (a verified copy was found), missing (no node has it or they are down) or
 *     corrupt (copies were found but none verified)
 * @param endpoint the node with the good copy, else the node it should be on (its primary)
 * @param detail what was found, for people
 */
public record ShardState(int index, Health health, String endpoint, String detail) {
  /**
   * Whether a verified copy of the shard was found, none, or only copies that fail verification.
   */
  public enum Health {
    PRESENT,
    MISSING,
    CORRUPT
  }
}

package io.levity.sdk.rpc;

import java.util.Objects;

/**
 * Which block a read refers to: a block number or one of the named tags ({@code latest}, {@code
 * pending}, {@code earliest}, {@code safe}, {@code finalized}).
 *
 * @param value the JSON-RPC form: a hex quantity or a tag name
 */
public record BlockTag(String value) {
  public static final BlockTag LATEST = new BlockTag("latest");
  public static final BlockTag PENDING = new BlockTag("pending");
  public static final BlockTag EARLIEST = new BlockTag("earliest");
  public static final BlockTag SAFE = new BlockTag("safe");
  public static final BlockTag FINALIZED = new BlockTag("finalized");

  public BlockTag {
    Objects.requireNonNull(value, "value");
  }

  /** Block number {@code n}. */
  public static BlockTag number(long n) {
    if (n < 0) throw new IllegalArgumentException("negative block number " + n);
    return new BlockTag(RpcJson.hex(n));
  }

  @Override
  public String toString() {
    return value;
  }
}

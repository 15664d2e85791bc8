package io.levity.storage.node;

import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The storage node's HTTP/1.1 protocol, shared by the node and its clients (full description:
 * docs/storage.md, "Node protocol").
 *
 * <p>A shard travels (in a PUT body and a GET response) as {@code count(1) || count roots (32 each)
 * || shard bytes}: the k + m shard roots first, so the receiver checks them against the commitment
 * before it reads the bytes.
 */
public final class NodeProtocol {
  public static final String PREFIX = "/v1";
  public static final String SHARDS = PREFIX + "/shards";
  public static final String HEALTH = PREFIX + "/health";

  /**
   * POST a proof-of-storage challenge (io.levity.storage.proof.Challenge, encoded); the answer
   * comes back.
   */
  public static final String CHALLENGE = PREFIX + "/challenge";

  public static final String OCTET_STREAM = "application/octet-stream";

  /** Header of a GET shard response: the root of the shard that follows. */
  public static final String SHARD_ROOT_HEADER = "x-levity-shard-root";

  /**
   * Machine-readable error codes of the JSON error body {@code {"error": code, "message": text}}.
   */
  public static final String BAD_REQUEST = "bad_request";

  public static final String UNKNOWN_FILE = "unknown_file";
  public static final String NOT_FOUND = "not_found";
  public static final String SIZE_MISMATCH = "size_mismatch";
  public static final String TOO_LARGE = "too_large";
  public static final String LENGTH_REQUIRED = "length_required";
  public static final String COMMITMENT_MISMATCH = "commitment_mismatch";
  public static final String ROOT_MISMATCH = "root_mismatch";
  public static final String CORRUPT = "corrupt";
  public static final String BUSY = "busy";
  public static final String NOT_ASSIGNED = "not_assigned";
  public static final String FULL = "full";
  public static final String RATE_LIMITED = "rate_limited";
  public static final String METHOD_NOT_ALLOWED = "method_not_allowed";
  public static final String INTERNAL = "internal";

  private NodeProtocol() {}

  /** Path of shard {@code index} of {@code fileRoot}. */
  public static String shardPath(Bytes32 fileRoot, int index) {
    return SHARDS + "/" + fileRoot.toHex() + "/" + index;
  }

  /** Path of sector {@code sector} of a shard, with its proof. */
  public static String sectorPath(Bytes32 fileRoot, int index, long sector) {
    return shardPath(fileRoot, index) + "/sectors/" + sector;
  }

  /** Length of the roots prefix for {@code count} roots. */
  public static int prefixLength(int count) {
    return 1 + 32 * count;
  }

  /** The roots prefix of a shard body. */
  public static byte[] prefix(List<Bytes32> roots) {
    if (roots.isEmpty() || roots.size() > 255)
      throw new IllegalArgumentException("1..255 roots, got " + roots.size());
    byte[] out = new byte[prefixLength(roots.size())];
    out[0] = (byte) roots.size();
    for (int i = 0; i < roots.size(); i++)
      System.arraycopy(roots.get(i).unsafeArray(), 0, out, 1 + 32 * i, 32);
    return out;
  }

  /**
   * Parses a complete roots prefix (its length must be {@link #prefixLength} of its first byte).
   */
  public static List<Bytes32> parsePrefix(byte[] prefix) {
    int n = prefix.length == 0 ? 0 : prefix[0] & 0xff;
    if (n == 0 || prefix.length != prefixLength(n))
      throw new IllegalArgumentException("malformed shard roots prefix");
    List<Bytes32> roots = new ArrayList<>(n);
    for (int i = 0; i < n; i++)
      roots.add(Bytes32.wrap32(Arrays.copyOfRange(prefix, 1 + 32 * i, 33 + 32 * i)));
    return roots;
  }
}

package io.levity.node.rpc;

import java.util.List;
import java.util.Locale;

/**
 * Which browser origins may call the node. A web page the operator visits sends its Origin with
 * every request it makes to 127.0.0.1; without this check any page could drive the node. Requests
 * without an Origin (ethers, viem, web3j in Node.js or the JVM, curl) are not from a browser page
 * and are always served.
 *
 * <p>An entry is {@code scheme://host} (any port of that host), {@code scheme://host:port}
 * (exactly), or {@code *} (any origin).
 */
public final class OriginPolicy {
  /** The default: pages served from this machine only. */
  public static final List<String> LOCAL =
      List.of(
          "http://localhost",
          "http://127.0.0.1",
          "http://[::1]",
          "https://localhost",
          "https://127.0.0.1",
          "https://[::1]");

  private final List<String> allowed;

  public OriginPolicy(List<String> allowed) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
  }

  /** True when a request with this Origin header (null: none) may be served. */
  public boolean allows(String origin) {
    if (origin == null) return true;
    String o = origin.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      if (a.equals("*") || o.equals(a)) return true;
      if (o.startsWith(a + ":") && o.substring(a.length() + 1).chars().allMatch(Character::isDigit))
        return true;
    }
    return false;
  }
}

package io.levity.node.rpc;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which browser origins may call the node. A web page the operator visits sends its Origin with
 * every request it makes to 127.0.0.1; without this check any page could drive the node. Requests
 * without an Origin (ethers, viem, web3j in Node.js or the JVM, curl) are not from a browser page
 * and are always served. The Host header is checked too ({@link #allowsHost}), against DNS
 * rebinding.
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

  /** Host names served by default besides IP literals: this machine's own name for itself. */
  public static final List<String> LOCAL_HOSTS = List.of("localhost");

  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

  private final List<String> allowed;
  private final List<String> hosts;

  public OriginPolicy(List<String> allowed) {
    this(allowed, LOCAL_HOSTS);
  }

  /**
   * @param allowed browser origins allowed to call
   * @param hosts names a request's Host header may carry ({@code *}: any); IP literals always pass
   */
  public OriginPolicy(List<String> allowed, List<String> hosts) {
    this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * True when a request with this Host header (null: none) may be served. DNS rebinding points a
   * name the attacker owns at 127.0.0.1, so the victim's browser calls the node as a same-origin
   * page of that name; the Host header still carries the attacker's name, which is not on the list.
   * An IP literal cannot be rebound, so it always passes.
   */
  public boolean allowsHost(String hostHeader) {
    if (hostHeader == null || hostHeader.isEmpty()) return true;
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) return h.indexOf(']') > 0; // an IPv6 literal, with or without a port
    int colon = h.lastIndexOf(':');
    if (colon >= 0) h = h.substring(0, colon);
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    if (IPV4.matcher(h).matches()) return true;
    return hosts.contains("*") || hosts.contains(h);
  }

  /**
   * Why a request with these headers is refused ("invalid host specified", "origin not allowed"),
   * or null when it may be served.
   */
  String refusal(HttpHeaders headers) {
    if (!allowsHost(headers.get(HttpHeaderNames.HOST))) return "invalid host specified";
    if (!allows(headers.get(HttpHeaderNames.ORIGIN))) return "origin not allowed";
    return null;
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

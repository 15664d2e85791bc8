package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * geth's trace config: the tracer name (none for the struct logger), the struct logger's switches,
 * {@code tracerConfig} and {@code timeout}. Defaults as geth documents them: stack and storage on,
 * memory and return data off.
 *
 * @param tracer null for the struct logger, else {@code callTracer} or {@code prestateTracer}
 * @param timeoutMillis the time limit, already capped to {@link TraceLimits#maxTimeout()}
 */
public record TraceOptions(
    String tracer,
    boolean disableStack,
    boolean disableStorage,
    boolean enableMemory,
    boolean enableReturnData,
    boolean onlyTopCall,
    boolean withLog,
    boolean diffMode,
    long timeoutMillis) {
  public static final String CALL_TRACER = "callTracer";
  public static final String PRESTATE_TRACER = "prestateTracer";
  private static final Set<String> TRACERS = Set.of(CALL_TRACER, PRESTATE_TRACER);

  /** The struct logger with geth's defaults. */
  public static TraceOptions defaults(TraceLimits limits) {
    return new TraceOptions(
        null, false, false, false, false, false, false, false, limits.defaultTimeout().toMillis());
  }

  /**
   * Parses the options object (null or missing for defaults).
   *
   * @throws IllegalArgumentException with a message for the client (unknown tracer, bad types)
   */
  public static TraceOptions parse(JsonNode o, TraceLimits limits) {
    if (o == null || o.isNull() || o.isMissingNode()) return defaults(limits);
    if (!o.isObject()) throw new IllegalArgumentException("trace options must be an object");
    String tracer = null;
    if (o.hasNonNull("tracer")) {
      if (!o.get("tracer").isTextual()) throw new IllegalArgumentException("tracer must be a name");
      tracer = o.get("tracer").asText();
      if (!TRACERS.contains(tracer)) {
        throw new IllegalArgumentException(
            "tracer "
                + quoted(tracer)
                + " is not supported (supported: the default struct logger, callTracer,"
                + " prestateTracer)");
      }
    }
    JsonNode cfg = o.path("tracerConfig");
    if (!cfg.isMissingNode() && !cfg.isNull() && !cfg.isObject()) {
      throw new IllegalArgumentException("tracerConfig must be an object");
    }
    long timeout = limits.defaultTimeout().toMillis();
    if (o.hasNonNull("timeout")) {
      Duration d = parseDuration(o.get("timeout").asText());
      timeout = Math.min(d.toMillis(), limits.maxTimeout().toMillis());
    }
    return new TraceOptions(
        tracer,
        bool(o, "disableStack"),
        bool(o, "disableStorage"),
        bool(o, "enableMemory"),
        bool(o, "enableReturnData"),
        bool(cfg, "onlyTopCall"),
        bool(cfg, "withLog"),
        bool(cfg, "diffMode"),
        Math.max(timeout, 1));
  }

  private static String quoted(String s) {
    String shown = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "\"" + shown + "\"";
  }

  private static boolean bool(JsonNode o, String field) {
    JsonNode v = o.path(field);
    if (v.isMissingNode() || v.isNull()) return false;
    if (!v.isBoolean()) throw new IllegalArgumentException(field + " must be true or false");
    return v.booleanValue();
  }

  /**
   * A Go duration as geth reads {@code timeout}: a sequence of numbers with units ns, us, ms, s, m,
   * h ({@code "10s"}, {@code "1m30s"}, {@code "500ms"}).
   */
  static Duration parseDuration(String s) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.isEmpty() || v.length() > 32) throw badDuration(s);
    double nanos = 0;
    int i = 0;
    while (i < v.length()) {
      int start = i;
      while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) i++;
      if (start == i) throw badDuration(s);
      double amount;
      try {
        amount = Double.parseDouble(v.substring(start, i));
      } catch (NumberFormatException e) {
        throw badDuration(s);
      }
      int u = i;
      while (i < v.length() && Character.isLetter(v.charAt(i))) i++;
      double unit =
          switch (v.substring(u, i)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw badDuration(s);
          };
      nanos += amount * unit;
    }
    if (!(nanos > 0)) throw badDuration(s);
    return Duration.ofNanos((long) Math.min(nanos, 86_400e9));
  }

  private static IllegalArgumentException badDuration(String s) {
    return new IllegalArgumentException(
        "timeout " + quoted(s) + " is not a duration (write e.g. \"10s\", \"500ms\", \"1m30s\")");
  }
}

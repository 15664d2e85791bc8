package io.levity.node.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A small metrics registry rendered in the Prometheus text exposition format (version 0.0.4):
 * gauges read on demand, monotonic counters, and summaries (sum and count). Thread-safe;
 * registration happens at start-up.
 */
public final class NodeMetrics {
  /** A named metric with its help text, rendered with its type header. */
  private abstract static sealed class Metric permits Gauge, Counter, Summary {
    final String name;
    final String help;

    Metric(String name, String help) {
      this.name = name;
      this.help = help;
    }

    abstract void render(StringBuilder out);

    StringBuilder header(StringBuilder out, String type) {
      return out.append("# HELP ")
          .append(name)
          .append(' ')
          .append(help.replace("\n", " "))
          .append('\n')
          .append("# TYPE ")
          .append(name)
          .append(' ')
          .append(type)
          .append('\n');
    }
  }

  private static final class Gauge extends Metric {
    private final LongSupplier value;

    Gauge(String name, String help, LongSupplier value) {
      super(name, help);
      this.value = value;
    }

    @Override
    void render(StringBuilder out) {
      header(out, "gauge").append(name).append(' ').append(value.getAsLong()).append('\n');
    }
  }

  /** A monotonic counter. */
  public static final class Counter extends Metric {
    private final AtomicLong value = new AtomicLong();

    Counter(String name, String help) {
      super(name, help);
    }

    /** Adds {@code n} (never negative). */
    public void add(long n) {
      if (n < 0) throw new IllegalArgumentException("counters only go up");
      value.addAndGet(n);
    }

    public long value() {
      return value.get();
    }

    @Override
    void render(StringBuilder out) {
      header(out, "counter").append(name).append(' ').append(value.get()).append('\n');
    }
  }

  /** Observations in seconds, exposed as _sum and _count. */
  public static final class Summary extends Metric {
    private long count;
    private double sum;

    Summary(String name, String help) {
      super(name, help);
    }

    /** Records one observation. */
    public synchronized void observe(double seconds) {
      count++;
      sum += seconds;
    }

    @Override
    synchronized void render(StringBuilder out) {
      header(out, "summary");
      out.append(name).append("_sum ").append(sum).append('\n');
      out.append(name).append("_count ").append(count).append('\n');
    }
  }

  private final List<Metric> metrics = new ArrayList<>();

  public synchronized void gauge(String name, String help, LongSupplier value) {
    add(new Gauge(name, help, value));
  }

  public synchronized Counter counter(String name, String help) {
    Counter c = new Counter(name, help);
    add(c);
    return c;
  }

  public synchronized Summary summary(String name, String help) {
    Summary s = new Summary(name, help);
    add(s);
    return s;
  }

  private void add(Metric m) {
    if (!m.name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
      throw new IllegalArgumentException("bad metric name " + m.name);
    for (Metric x : metrics) {
      if (x.name.equals(m.name))
        throw new IllegalArgumentException("metric registered twice: " + m.name);
    }
    metrics.add(m);
  }

  /**
   * The exposition text. A gauge whose supplier fails is left out rather than failing the scrape.
   */
  public synchronized String render() {
    StringBuilder out = new StringBuilder();
    for (Metric m : metrics) {
      StringBuilder one = new StringBuilder();
      try {
        m.render(one);
        out.append(one);
      } catch (RuntimeException e) {
        out.append("# ")
            .append(m.name)
            .append(" unavailable: ")
            .append(e.getClass().getSimpleName())
            .append('\n');
      }
    }
    return out.toString();
  }
}

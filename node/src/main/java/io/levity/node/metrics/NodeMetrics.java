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
  private sealed interface Metric permits Gauge, Counter, Summary {
    String name();

    String help();

    void render(StringBuilder out);
  }

  private record Gauge(String name, String help, LongSupplier value) implements Metric {
    @Override
    public void render(StringBuilder out) {
      header(out, this, "gauge").append(name).append(' ').append(value.getAsLong()).append('\n');
    }
  }

  /** A monotonic counter. */
  public static final class Counter implements Metric {
    private final String name;
    private final String help;
    private final AtomicLong value = new AtomicLong();

    Counter(String name, String help) {
      this.name = name;
      this.help = help;
    }

    public void add(long n) {
      if (n < 0) throw new IllegalArgumentException("counters only go up");
      value.addAndGet(n);
    }

    public long value() {
      return value.get();
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String help() {
      return help;
    }

    @Override
    public void render(StringBuilder out) {
      header(out, this, "counter").append(name).append(' ').append(value.get()).append('\n');
    }
  }

  /** Observations in seconds, exposed as _sum and _count. */
  public static final class Summary implements Metric {
    private final String name;
    private final String help;
    private long count;
    private double sum;

    Summary(String name, String help) {
      this.name = name;
      this.help = help;
    }

    public synchronized void observe(double seconds) {
      count++;
      sum += seconds;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String help() {
      return help;
    }

    @Override
    public synchronized void render(StringBuilder out) {
      header(out, this, "summary");
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
    if (!m.name().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"))
      throw new IllegalArgumentException("bad metric name " + m.name());
    for (Metric x : metrics) {
      if (x.name().equals(m.name()))
        throw new IllegalArgumentException("metric registered twice: " + m.name());
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
            .append(m.name())
            .append(" unavailable: ")
            .append(e.getClass().getSimpleName())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static StringBuilder header(StringBuilder out, Metric m, String type) {
    return out.append("# HELP ")
        .append(m.name())
        .append(' ')
        .append(m.help().replace("\n", " "))
        .append('\n')
        .append("# TYPE ")
        .append(m.name())
        .append(' ')
        .append(type)
        .append('\n');
  }
}

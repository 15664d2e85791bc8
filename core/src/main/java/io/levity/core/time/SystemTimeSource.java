package io.levity.core.time;

/** The machine's clocks: {@link System#nanoTime()} and {@link System#currentTimeMillis()}. */
enum SystemTimeSource implements TimeSource {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long epochMillis() {
    return System.currentTimeMillis();
  }
}

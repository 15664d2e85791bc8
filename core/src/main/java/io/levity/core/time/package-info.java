/**
 * Time and scheduling as injected dependencies: {@link io.levity.core.time.TimeSource} for
 * readings, {@link io.levity.core.time.Scheduler} for timers and serial work. Production uses the
 * system clock and {@link io.levity.core.time.ThreadScheduler}; tests use the deterministic {@code
 * ManualScheduler} from the test-support module.
 */
package io.levity.core.time;

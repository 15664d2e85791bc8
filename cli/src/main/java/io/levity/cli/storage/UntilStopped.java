package io.levity.cli.storage;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a service in the foreground until this JVM is asked to stop (Ctrl-C, SIGTERM): a shutdown
 * hook closes it, cleanly, before the JVM exits.
 */
public final class UntilStopped {
  /** Starting the service and saying so. */
  @FunctionalInterface
  public interface Start {
    void run() throws IOException, InterruptedException;
  }

  private UntilStopped() {}

  /** Starts {@code service} and waits until the JVM stops; exit code 0. */
  public static int serve(String name, AutoCloseable service, Start start)
      throws IOException, InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println(name + ": closing failed: " + e);
                  }
                  stopped.countDown();
                },
                name + "-shutdown"));
    start.run();
    stopped.await();
    return 0;
  }
}

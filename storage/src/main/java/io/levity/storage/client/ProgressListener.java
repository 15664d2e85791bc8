package io.levity.storage.client;

/**
 * Told how far a long operation is: {@code done} of {@code total} bytes of a named phase. Must be
 * thread-safe.
 */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (phase, done, total) -> {};

  void progress(String phase, long done, long total);
}

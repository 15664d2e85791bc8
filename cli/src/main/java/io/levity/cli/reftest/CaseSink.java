package io.levity.cli.reftest;

/** Where a fixture runner reports the outcome of each case. */
public interface CaseSink {
  void passed(String caseName);

  void failed(String caseName, String reason);

  void skipped(String caseName, String reason);
}

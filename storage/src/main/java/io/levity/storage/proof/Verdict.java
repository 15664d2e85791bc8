package io.levity.storage.proof;

import java.util.Objects;

/**
 * The outcome of verifying one answer: {@link Pass} or a {@link Fail} with its reason and the
 * particulars.
 */
public sealed interface Verdict permits Verdict.Pass, Verdict.Fail {
  Verdict PASS = new Pass();

  boolean passed();

  /**
   * What a {@code ProofRecord} stores as its reason: empty for a pass, {@code "<label>: <detail>"}
   * otherwise.
   */
  String describe();

  record Pass() implements Verdict {
    @Override
    public boolean passed() {
      return true;
    }

    @Override
    public String describe() {
      return "";
    }
  }

  record Fail(FailureReason reason, String detail) implements Verdict {
    public Fail {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    @Override
    public boolean passed() {
      return false;
    }

    @Override
    public String describe() {
      return detail.isEmpty() ? reason.label() : reason.label() + ": " + detail;
    }
  }

  static Verdict fail(FailureReason reason, String detail) {
    return new Fail(reason, detail);
  }
}

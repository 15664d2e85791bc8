package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * Decides, from a request's headers and exact body bytes, who asks and whether they may. An
 * admission holds the user's max fee until {@link #charged} or {@link #released} is called.
 */
public interface RequestGate {
  /** The answer: an admission or a refusal. */
  sealed interface Decision permits Admission, Refusal {}

  /** The request may be served: who asked, under which signed terms. */
  record Admission(ServingRequestTerms terms, Bytes userSignature) implements Decision {
    public Address user() {
      return terms.user();
    }

    public Bytes32 requestHash() {
      return terms.requestHash();
    }

    public BigInteger maxFee() {
      return terms.maxFee();
    }

    public long nonce() {
      return terms.nonce();
    }
  }

  /** The request may not be served: 401 (unsigned, forged, replayed, expired) or 402 (balance). */
  record Refusal(int status, String reason) implements Decision {}

  /** Checks a request; {@code header} gives a header's value by name, or null. */
  Decision admit(Function<String, String> header, byte[] body);

  /**
   * The admitted request was answered for {@code fee} (at most its max fee): the hold becomes a
   * pending fee, owed until settlement.
   */
  void charged(Admission admission, BigInteger fee);

  /** The admitted request was not answered: its hold is dropped. */
  void released(Admission admission);
}

package io.levity.compute.inference;

/** Why a batch was voided: the {@code fault} of the contract's BatchVoided event. */
public enum MarketFault {
  USER_SIGNATURE(1),
  PROVIDER_SIGNATURE(2),
  /** The response does not answer the request (body hash, user, nonce) or the provider differs. */
  BINDING(3),
  FEE_ABOVE_MAX(4),
  /** The fee is not the token counts at the registered prices. */
  FEE_MISMATCH(5),
  /** The nonce is outside the user's range in the batch (a replay, or beyond the claimed total). */
  NONCE_RANGE(6),
  /** The batch was submitted after the request's deadline. */
  DEADLINE(7),
  /** The response names another model root than the registered one. */
  MODEL(8),
  /** A running fee total does not add up to the user's escrowed total. */
  CUMULATIVE_FEE(9),
  DUPLICATE_NONCE(10),
  /** The auditors' threshold said the re-executed answer differs. */
  VOTED(11);

  private final int code;

  MarketFault(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static MarketFault of(int code) {
    for (MarketFault f : values()) if (f.code == code) return f;
    throw new IllegalArgumentException("no fault " + code);
  }
}

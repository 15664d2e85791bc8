package io.levity.da.chain;

/**
 * The DataAvailability contract's limits and the reasons it refuses a certificate, shared by the
 * contract bindings and {@link InMemoryDaChain}.
 */
public final class DaRules {
  /** At most this many nodes ever register (a signer bitmap is one 256-bit word). */
  public static final int MAX_NODES = 256;

  /** An endpoint is at most this many bytes (UTF-8). */
  public static final int MAX_ENDPOINT_BYTES = 256;

  /**
   * The default share of stake a certificate needs: 2/3 rounded down to a basis point (6666), so
   * that exactly two thirds of the stake certifies: with a third of the nodes down, blobs still
   * certify (6667 would need more than two thirds: 4 of 6 equal nodes would fall short). Those two
   * thirds hold at least 84 of each piece's 128 cells, well over the 64 that recover it.
   */
  public static final int DEFAULT_THRESHOLD_BPS = 6666;

  /** Why a certificate is refused; {@link #error()} is the contract's custom error's name. */
  public enum Refusal {
    /** The epoch is neither the current one nor the one before. */
    STALE_EPOCH("StaleEpoch"),
    /** A set bit is not a node active in the certificate's epoch. */
    UNKNOWN_SIGNER("UnknownSigner"),
    /** The signers' stake is below the threshold (or zero). */
    UNDER_THRESHOLD("UnderThreshold"),
    /** The pairing check failed (wrong message, key or signature, or a malformed point). */
    BAD_SIGNATURE("BadSignature"),
    /** The blob is already certified. */
    ALREADY_CERTIFIED("AlreadyCertified");

    private final String error;

    Refusal(String error) {
      this.error = error;
    }

    /** The contract's custom error. */
    public String error() {
      return error;
    }
  }

  private DaRules() {}
}

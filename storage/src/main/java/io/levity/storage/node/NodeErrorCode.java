package io.levity.storage.node;

import java.util.Locale;

/**
 * Why a storage node refuses a request: the machine-readable code of the JSON error body (the name
 * in lower case, as {@link NodeProtocol} lists them) and the HTTP status it travels with. Every
 * code has exactly one status, so the service names the code and each transport renders it its own
 * way.
 */
public enum NodeErrorCode {
  BAD_REQUEST,
  UNKNOWN_FILE,
  NOT_FOUND,
  METHOD_NOT_ALLOWED,
  CORRUPT,
  LENGTH_REQUIRED,
  TOO_LARGE,
  SIZE_MISMATCH,
  COMMITMENT_MISMATCH,
  ROOT_MISMATCH,
  RATE_LIMITED,
  INTERNAL,
  BUSY,
  NOT_ASSIGNED,
  FULL;

  /** The code as it appears in the {@code "error"} field. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status of an answer with this code (docs/storage.md, "Protocol"). */
  public int status() {
    return switch (this) {
      case BAD_REQUEST, SIZE_MISMATCH -> 400;
      case UNKNOWN_FILE, NOT_FOUND -> 404;
      case METHOD_NOT_ALLOWED -> 405;
      case CORRUPT -> 410;
      case LENGTH_REQUIRED -> 411;
      case TOO_LARGE -> 413;
      case COMMITMENT_MISMATCH, ROOT_MISMATCH -> 422;
      case RATE_LIMITED -> 429;
      case INTERNAL -> 500;
      case BUSY -> 503;
      case NOT_ASSIGNED -> 403;
      case FULL -> 507;
    };
  }

  /** Whether the client may simply try again a little later ({@code Retry-After: 1}). */
  public boolean retryLater() {
    return this == BUSY || this == RATE_LIMITED;
  }
}

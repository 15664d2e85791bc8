package io.levity.da.node;

/**
 * Why a DA node refused a request, with the HTTP status its adapter answers: the service throws it,
 * the server maps {@link #reason()} to a status and the message to {@code {"error": "..."}}.
 */
public final class DaNodeRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The kinds of refusal, each with its HTTP status. */
  public enum Reason {
    /** The request could not be decoded, or a parameter is out of range. */
    MALFORMED(400),
    /** This node is not in the epoch's quorum (or is registered with another key). */
    NOT_IN_QUORUM(403),
    /** The blob is not held. */
    UNKNOWN_BLOB(404),
    /** The epoch is neither the chain's current nor its previous one. */
    WRONG_EPOCH(409),
    /** The cells are not exactly this node's share under the epoch's assignment. */
    WRONG_SHARE(409),
    /** The blob, or the request body, is over the node's limit. */
    TOO_LARGE(413),
    /** A cell's KZG proof does not hold against the header's commitment. */
    BAD_PROOF(422),
    /** The node is shutting down. */
    SHUTTING_DOWN(503);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    /** The HTTP status the adapter answers with. */
    public int status() {
      return status;
    }
  }

  private final Reason reason;

  /** A refusal for {@code reason}; {@code message} says what was wrong and what to do. */
  public DaNodeRefusal(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The kind of refusal. */
  public Reason reason() {
    return reason;
  }
}

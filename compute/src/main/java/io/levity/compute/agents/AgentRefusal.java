package io.levity.compute.agents;

/** An agent a provider will not run, with the HTTP status to answer and the reason to show. */
public final class AgentRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public AgentRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  /** 400, 401, 403, 404, 409, 413, 422 or 502. */
  public int status() {
    return status;
  }
}

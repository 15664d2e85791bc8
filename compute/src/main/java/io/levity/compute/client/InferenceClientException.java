package io.levity.compute.client;

/**
 * Why a user's request to a provider did not produce a verified answer; the subclasses say which
 * side failed. The message is one line, fit for a CLI's stderr or a proxy's error body.
 */
public class InferenceClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InferenceClientException(String message) {
    super(message);
  }

  public InferenceClientException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.levity.compute.serving;

import java.util.function.Function;

/**
 * What {@link InferenceServer} serves over HTTP without knowing its rules: the provider's {@link
 * InferenceApi}, or the user's verifying proxy. The server takes a slot before handing a request to
 * a worker and answers 503 when none is free.
 */
public interface HttpApi {
  /** How many requests may be served at once (the size of the server's worker pool). */
  int maxConcurrent();

  /** Takes one of the concurrent slots, or false when all are taken (answer 503). */
  boolean tryEnter();

  /** Gives back the slot {@link #tryEnter} took. */
  void exit();

  /** Serves one request; {@code header} gives a request header by name, or null. */
  void handle(
      String method,
      String path,
      Function<String, String> header,
      byte[] body,
      InferenceApi.Exchange x);
}

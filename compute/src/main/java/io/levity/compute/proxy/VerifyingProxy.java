package io.levity.compute.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.compute.client.InferenceClientException;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.ProviderRefusedException;
import io.levity.compute.serving.HttpApi;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.OpenAiJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The proxy's API without the transport: {@code GET /v1/models} (the models its providers
 * registered), {@code POST /v1/chat/completions} (plain, or streamed: each chunk is passed on as it
 * arrives, the receipt's event and {@code [DONE]} only once the receipt is verified) and {@code
 * POST /v1/embeddings}. The body is forwarded byte for byte (the signature is over its hash); no
 * header of the caller's is forwarded, so an {@code Authorization} the caller's SDK adds never
 * leaves the machine. Errors are OpenAI's shape on one line: a provider down or an answer failing a
 * check is 502 naming the provider and the endpoint or the check; a provider's own refusal keeps
 * its status (402 insufficient balance, 404, 413...). A request carrying an {@code Origin} header,
 * or a {@code Host} other than the loopback, is refused (403): a web page must not spend the user's
 * deposit through it.
 */
public final class VerifyingProxy implements HttpApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ProviderClient> byModel = new LinkedHashMap<>();
  private final int maxConcurrent;
  private final Semaphore busy;

  /** Routes each registered model to the first of {@code providers} serving it. */
  public VerifyingProxy(List<ProviderClient> providers, int maxConcurrent) {
    for (ProviderClient p : providers) byModel.putIfAbsent(p.service().modelId(), p);
    this.maxConcurrent = maxConcurrent;
    this.busy = new Semaphore(maxConcurrent);
  }

  /** The models served, each with its provider. */
  public Map<String, ProviderClient> models() {
    return Map.copyOf(byModel);
  }

  @Override
  public int maxConcurrent() {
    return maxConcurrent;
  }

  @Override
  public boolean tryEnter() {
    return busy.tryAcquire();
  }

  @Override
  public void exit() {
    busy.release();
  }

  @Override
  public void handle(
      String method,
      String path,
      Function<String, String> header,
      byte[] body,
      InferenceApi.Exchange x) {
    if (header.apply("Origin") != null) {
      fail(x, 403, "the proxy serves local programs only: requests from web pages are refused");
      return;
    }
    String host = Optional.ofNullable(header.apply("Host")).orElse("");
    if (!loopback(host)) {
      fail(x, 403, "the proxy answers only requests addressed to the loopback, not '" + host + "'");
      return;
    }
    switch (path) {
      case "/v1/models" -> {
        if (allowed(method, "GET", x)) x.reply(200, modelList(), Map.of());
      }
      case "/v1/chat/completions" -> {
        if (allowed(method, "POST", x)) forward(ProviderClient.CHAT, body, x);
      }
      case "/v1/embeddings" -> {
        if (allowed(method, "POST", x)) forward(ProviderClient.EMBEDDINGS, body, x);
      }
      default -> fail(x, 404, "no such endpoint " + path);
    }
  }

  /** Whether a Host header names the loopback (a DNS-rebinding page names its own domain). */
  static boolean loopback(String host) {
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[")) name = name.substring(0, name.indexOf(']') + 1);
    else if (name.indexOf(':') >= 0) name = name.substring(0, name.indexOf(':'));
    return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
  }

  private JsonNode modelList() {
    List<String> ids = new ArrayList<>(byModel.keySet());
    List<String> owners = new ArrayList<>();
    for (ProviderClient p : byModel.values()) owners.add(p.provider().toHex());
    return OpenAiJson.models(ids, owners);
  }

  private void forward(String path, byte[] body, InferenceApi.Exchange x) {
    JsonNode n;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      fail(x, 400, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
      return;
    }
    if (n == null || !n.path("model").isTextual()) {
      fail(x, 400, "the body must be a JSON object naming a model");
      return;
    }
    ProviderClient p = byModel.get(n.path("model").asText());
    if (p == null) {
      fail(
          x,
          404,
          "no provider of this proxy serves the model '"
              + n.path("model").asText()
              + "'; GET /v1/models lists those that are");
      return;
    }
    boolean stream = path.equals(ProviderClient.CHAT) && n.path("stream").asBoolean(false);
    if (!stream) {
      try {
        x.reply(200, p.send(path, body, Optional.empty()).body(), Map.of());
      } catch (InferenceClientException | UncheckedIOException e) {
        fail(x, status(e), e.getMessage());
      }
      return;
    }
    boolean[] started = {false};
    try {
      ProviderClient.StreamedAnswer a =
          p.stream(
              path,
              body,
              Optional.empty(),
              event -> {
                if (!started[0]) {
                  x.startStream(Map.of());
                  started[0] = true;
                }
                x.event(event);
              });
      if (!started[0]) x.startStream(Map.of());
      x.event(a.receiptEvent());
      x.event("[DONE]");
      x.endStream();
    } catch (InferenceClientException | UncheckedIOException e) {
      if (!started[0]) {
        fail(x, status(e), e.getMessage());
        return;
      }
      // the caller has the chunks already: an error event and no [DONE] make its SDK throw
      x.event(OpenAiJson.error(status(e), e.getMessage()).toString());
      x.endStream();
    }
  }

  private static int status(RuntimeException e) {
    if (e instanceof ProviderRefusedException r && r.status() >= 400 && r.status() < 500)
      return r.status();
    return e instanceof UncheckedIOException ? 500 : 502;
  }

  private static boolean allowed(String method, String allowed, InferenceApi.Exchange x) {
    if (method.equals(allowed)) return true;
    fail(x, 405, "use " + allowed);
    return false;
  }

  private static void fail(InferenceApi.Exchange x, int status, String message) {
    x.reply(status, OpenAiJson.error(status, message), Map.of());
  }
}

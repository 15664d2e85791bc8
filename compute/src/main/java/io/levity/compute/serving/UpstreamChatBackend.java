package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Chat forwarded to any OpenAI-compatible API ({@code --upstream URL}). Its answers are signed and
 * journaled like any other but marked unverifiable: no auditor can re-execute a model it does not
 * have, so the registry lists such a service as unverifiable. The upstream is asked without
 * streaming; a stream to the client carries the answer in one piece. The output hash is the
 * Keccak-256 of the text.
 */
public final class UpstreamChatBackend implements ChatBackend {
  private final URI base;
  private final String modelId;
  private final String upstreamModel;
  private final String apiKey;
  private final HttpClient http;
  private final Duration timeout;

  /**
   * Serves {@code modelId} by asking {@code upstreamModel} at {@code base} (e.g. https://host/v1),
   * with a bearer {@code apiKey} when not null.
   */
  public UpstreamChatBackend(
      URI base,
      String modelId,
      String upstreamModel,
      String apiKey,
      HttpClient http,
      Duration timeout) {
    this.base = base;
    this.modelId = modelId;
    this.upstreamModel = upstreamModel;
    this.apiKey = apiKey;
    this.http = http;
    this.timeout = timeout;
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public Bytes32 modelRoot() {
    return Bytes32.ZERO;
  }

  @Override
  public boolean verifiable() {
    return false;
  }

  @Override
  public ChatCompletion complete(ChatRequest request, TokenSink sink) {
    ObjectNode body =
        OpenAiJson.JSON
            .createObjectNode()
            .put("model", upstreamModel)
            .put("max_tokens", request.maxTokens())
            .put("temperature", request.temperature())
            .put("top_p", request.topP())
            .put("seed", request.seed())
            .put("stream", false);
    ArrayNode messages = body.putArray("messages");
    request
        .messages()
        .forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
    String url = base.toString().replaceAll("/+$", "") + "/chat/completions";
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
    HttpResponse<byte[]> res;
    try {
      res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ServingException(502, "the upstream " + url + " is unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServingException(503, "interrupted while asking the upstream");
    }
    if (res.statusCode() != 200)
      throw new ServingException(502, "the upstream " + url + " answered HTTP " + res.statusCode());
    JsonNode o;
    try {
      o = OpenAiJson.JSON.readTree(res.body());
    } catch (IOException e) {
      throw new ServingException(502, "the upstream answered malformed JSON: " + e.getMessage());
    }
    JsonNode choice = o.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual())
      throw new ServingException(502, "the upstream's answer has no choices[0].message.content");
    String text = content.asText();
    sink.token(text);
    return new ChatCompletion(
        text,
        o.path("usage").path("prompt_tokens").asInt(0),
        o.path("usage").path("completion_tokens").asInt(0),
        InferenceApi.text(text),
        choice.path("finish_reason").asText("stop"));
  }
}

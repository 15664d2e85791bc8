package io.levity.compute.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.serving.ChatBackend.ChatMessage;
import io.levity.compute.serving.ChatBackend.ChatRequest;
import java.util.ArrayList;
import java.util.List;

/** OpenAI's JSON shapes: reading chat and embedding requests, writing answers and errors. */
public final class OpenAiJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiJson() {}

  /** A parsed chat request: the model named, the backend's request, and whether to stream. */
  record ChatCall(String model, ChatRequest request, boolean stream, int promptChars) {}

  /** A parsed embeddings request: the model named and the texts. */
  record EmbedCall(String model, List<String> inputs, boolean base64) {}

  static JsonNode parse(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) throw bad("the body must be a JSON object");
      return n;
    } catch (JsonProcessingException e) {
      throw bad("malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw bad("unreadable body: " + e.getMessage());
    }
  }

  static ChatCall chat(JsonNode n, int defaultMaxTokens, int maxTokensCap) {
    String model = text(n, "model");
    JsonNode ms = n.path("messages");
    if (!ms.isArray() || ms.isEmpty()) throw bad("messages must be a non-empty array");
    List<ChatMessage> messages = new ArrayList<>();
    int chars = 0;
    for (JsonNode m : ms) {
      String content = content(m.path("content"));
      chars += content.length();
      messages.add(new ChatMessage(text(m, "role"), content));
    }
    JsonNode nn = n.path("n");
    if (!nn.isMissingNode() && !nn.isNull() && nn.asInt(0) != 1)
      throw bad("n must be 1: this provider returns one choice per request");
    JsonNode mt =
        n.hasNonNull("max_completion_tokens")
            ? n.get("max_completion_tokens")
            : n.get("max_tokens");
    int maxTokens = defaultMaxTokens;
    if (mt != null && !mt.isNull()) {
      if (!mt.canConvertToInt()
          || !mt.isIntegralNumber()
          || mt.asInt() < 1
          || mt.asInt() > maxTokensCap)
        throw bad("max_tokens must be an integer in 1.." + maxTokensCap);
      maxTokens = mt.asInt();
    }
    double temperature = number(n, "temperature", 1.0);
    if (!(temperature >= 0 && temperature <= 2)) throw bad("temperature must be in [0, 2]");
    double topP = number(n, "top_p", 1.0);
    if (!(topP > 0 && topP <= 1)) throw bad("top_p must be in (0, 1]");
    JsonNode seed = n.path("seed");
    if (!seed.isMissingNode()
        && !seed.isNull()
        && !(seed.isIntegralNumber() && seed.canConvertToLong()))
      throw bad("seed must be a 64-bit integer");
    JsonNode stream = n.path("stream");
    if (!stream.isMissingNode() && !stream.isNull() && !stream.isBoolean())
      throw bad("stream must be a boolean");
    return new ChatCall(
        model,
        new ChatRequest(messages, maxTokens, temperature, topP, seed.asLong(0)),
        stream.asBoolean(false),
        chars);
  }

  static EmbedCall embeddings(JsonNode n) {
    String model = text(n, "model");
    JsonNode in = n.path("input");
    List<String> inputs = new ArrayList<>();
    if (in.isTextual()) inputs.add(in.asText());
    else if (in.isArray() && !in.isEmpty()) {
      for (JsonNode s : in) {
        if (!s.isTextual()) throw bad("input must be a string or an array of strings");
        inputs.add(s.asText());
      }
    } else throw bad("input must be a string or a non-empty array of strings");
    String format = n.path("encoding_format").asText("float");
    if (!format.equals("float") && !format.equals("base64"))
      throw bad("encoding_format must be float or base64");
    return new EmbedCall(model, inputs, format.equals("base64"));
  }

  /** A message's content: a string, or an array of text parts joined. */
  private static String content(JsonNode c) {
    if (c.isTextual()) return c.asText();
    if (c.isArray()) {
      StringBuilder b = new StringBuilder();
      for (JsonNode part : c) {
        if (!part.path("type").asText().equals("text") || !part.path("text").isTextual())
          throw bad("only text content parts are served");
        b.append(part.path("text").asText());
      }
      return b.toString();
    }
    throw bad("a message's content must be a string or an array of text parts");
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    if (!v.isTextual()) throw bad(field + " must be a string");
    return v.asText();
  }

  private static double number(JsonNode n, String field, double absent) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) return absent;
    if (!v.isNumber()) throw bad(field + " must be a number");
    return v.asDouble();
  }

  static ServingException bad(String message) {
    return new ServingException(400, message);
  }

  /** OpenAI's error body. */
  public static ObjectNode error(int status, String message) {
    ObjectNode o = JSON.createObjectNode();
    String type =
        switch (status) {
          case 401 -> "authentication_error";
          case 402 -> "insufficient_quota";
          case 404 -> "not_found_error";
          case 413 -> "request_too_large";
          case 503 -> "server_busy";
          default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    o.putObject("error")
        .put("message", message)
        .put("type", type)
        .putNull("param")
        .put("code", status);
    return o;
  }

  /** OpenAI's model list: each id owned by the owner at the same position. */
  public static ObjectNode models(List<String> ids, List<String> owners) {
    ObjectNode o = JSON.createObjectNode().put("object", "list");
    ArrayNode data = o.putArray("data");
    for (int i = 0; i < ids.size(); i++)
      data.addObject()
          .put("id", ids.get(i))
          .put("object", "model")
          .put("created", 0)
          .put("owned_by", owners.get(i));
    return o;
  }

  static ObjectNode usage(ObjectNode parent, long in, long out) {
    parent
        .putObject("usage")
        .put("prompt_tokens", in)
        .put("completion_tokens", out)
        .put("total_tokens", in + out);
    return parent;
  }

  /** The head shared by a completion and its chunks. */
  static ObjectNode head(String id, String object, long created, String model) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("object", object)
        .put("created", created)
        .put("model", model)
        .putNull("system_fingerprint");
  }

  static ObjectNode completion(String id, long created, String model, String text, String finish) {
    ObjectNode o = head(id, "chat.completion", created, model);
    ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
    choice.putNull("logprobs").put("finish_reason", finish);
    return o;
  }

  /** A chunk with one delta; role only on the first, finish reason only on the last. */
  static ObjectNode chunk(
      String id, long created, String model, String role, String content, String finish) {
    ObjectNode o = head(id, "chat.completion.chunk", created, model);
    ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
    ObjectNode delta = choice.putObject("delta");
    if (role != null) delta.put("role", role);
    if (content != null) delta.put("content", content);
    choice.putNull("logprobs");
    if (finish == null) choice.putNull("finish_reason");
    else choice.put("finish_reason", finish);
    return o;
  }
}

package io.levity.compute.serving;

import io.levity.core.bytes.Bytes32;
import java.util.List;

/** What answers chat requests: the deterministic runtime, an upstream API, or a test wrapper. */
public interface ChatBackend {
  /** One message of a conversation: role (system, user, assistant) and text. */
  record ChatMessage(String role, String content) {}

  /** A chat request as the backend sees it, defaults filled in. */
  record ChatRequest(
      List<ChatMessage> messages, int maxTokens, double temperature, double topP, long seed) {
    public ChatRequest {
      messages = List.copyOf(messages);
    }
  }

  /**
   * An answer: its text, the tokens it read and wrote, a hash of how it was produced (the runtime's
   * logits hash; for an upstream, the text's hash) and OpenAI's finish reason.
   */
  record ChatCompletion(
      String text,
      int promptTokens,
      int completionTokens,
      Bytes32 outputHash,
      String finishReason) {}

  /** Receives the answer's text piece by piece, in order, as it is produced. */
  @FunctionalInterface
  interface TokenSink {
    void token(String text);

    /** A sink that drops every piece. */
    static TokenSink ignore() {
      return t -> {};
    }
  }

  /** The model's name as clients give it in {@code "model"}. */
  String modelId();

  /** The model's storage root (zero for an upstream, which names no root). */
  Bytes32 modelRoot();

  /** Whether an auditor can re-execute the answers (false for an upstream). */
  boolean verifiable();

  /**
   * Answers a request, calling {@code sink} with every piece of text before returning the whole;
   * throws {@link ServingException} (413) for a prompt the model cannot read.
   */
  ChatCompletion complete(ChatRequest request, TokenSink sink);
}

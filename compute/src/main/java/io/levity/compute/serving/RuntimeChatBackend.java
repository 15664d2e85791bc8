package io.levity.compute.serving;

import io.levity.ai.model.SamplingParams;
import io.levity.ai.model.TextGenerator;
import io.levity.ai.model.Transformer;
import io.levity.ai.tokenizer.BpeTokenizer;
import io.levity.core.bytes.Bytes32;
import java.util.Arrays;
import java.util.List;

/**
 * Chat on Levity's deterministic runtime: the same messages, parameters and seed give the same
 * tokens, text and logits hash on every machine, which is what lets an auditor re-execute an
 * answer. The bundled models are plain text models without chat tokens, so the conversation is
 * rendered with a plain template, one line per message and an open assistant turn:
 *
 * <pre>
 * System: {content}
 * User: {content}
 * Assistant: {content}
 * Assistant:
 * </pre>
 *
 * (the role's first letter upper-cased; any other role is written the same way). The models have no
 * end-of-text token: every answer runs to {@code max_tokens} (or the model's context), so the
 * finish reason is always {@code "length"}. The answer is generated whole, then handed to the sink
 * piece by piece (each piece a run of whole UTF-8 characters, in token order).
 */
public final class RuntimeChatBackend implements ChatBackend {
  private final String modelId;
  private final Bytes32 modelRoot;
  private final BpeTokenizer tokenizer;
  private final TextGenerator generator;
  private final int maxSeq;

  /** A model by its id and storage root, with its tokenizer and a transformer over its weights. */
  public RuntimeChatBackend(
      String modelId, Bytes32 modelRoot, BpeTokenizer tokenizer, Transformer model) {
    this.modelId = modelId;
    this.modelRoot = modelRoot;
    this.tokenizer = tokenizer;
    this.generator = new TextGenerator(tokenizer, model);
    this.maxSeq = model.config().maxSeq();
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public Bytes32 modelRoot() {
    return modelRoot;
  }

  @Override
  public boolean verifiable() {
    return true;
  }

  /** The prompt the model reads for a conversation (the template above). */
  public static String render(List<ChatMessage> messages) {
    StringBuilder b = new StringBuilder();
    for (ChatMessage m : messages) {
      String role = m.role().isEmpty() ? "User" : capitalize(m.role());
      b.append(role).append(": ").append(m.content()).append('\n');
    }
    return b.append("Assistant:").toString();
  }

  private static String capitalize(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public ChatCompletion complete(ChatRequest request, TokenSink sink) {
    String prompt = render(request.messages());
    int promptTokens = tokenizer.encode(prompt).length;
    if (promptTokens > maxSeq) {
      throw new ServingException(
          413,
          "the prompt is "
              + promptTokens
              + " tokens, longer than the model's context of "
              + maxSeq
              + ": shorten the conversation");
    }
    SamplingParams params = new SamplingParams((float) request.temperature(), 0, request.topP());
    TextGenerator.Completion c =
        generator.complete(prompt, request.maxTokens(), params, request.seed());
    int[] tokens =
        c.tokens().stream()
            .mapToInt(Integer::intValue)
            .filter(t -> t < tokenizer.vocabSize())
            .toArray();
    stream(c.text(), tokens, sink);
    return new ChatCompletion(c.text(), promptTokens, c.tokens().size(), c.logitsHash(), "length");
  }

  /**
   * Hands {@code text} to the sink a piece per token where that token ends a whole character; the
   * pieces concatenate to exactly {@code text}.
   */
  private void stream(String text, int[] tokens, TokenSink sink) {
    int sent = 0;
    for (int i = 1; i <= tokens.length && sent < text.length(); i++) {
      String prefix = tokenizer.decode(Arrays.copyOf(tokens, i));
      if (prefix.length() > sent && text.startsWith(prefix)) {
        sink.token(text.substring(sent, prefix.length()));
        sent = prefix.length();
      }
    }
    if (sent < text.length()) sink.token(text.substring(sent));
  }
}

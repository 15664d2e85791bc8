package io.levity.compute.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.model.ModelBundle;
import io.levity.ai.model.Transformer;
import io.levity.ai.tensor.Kernels;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.inference.InferenceReceipt;
import io.levity.compute.serving.ChatBackend;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.RuntimeChatBackend;
import io.levity.compute.serving.ServingException;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Re-executes chat receipts on the deterministic runtime: the request body is parsed exactly as the
 * provider parses it, and the model is the one with the response's model root, loaded once from a
 * {@link ModelCatalog} and kept. A body without {@code max_tokens} runs to the receipt's output
 * token count (the runtime always generates exactly max_tokens), so the provider's default need not
 * be known. A request that runs an iNFT agent ({@code levity_agent}) is refused: its system prompt
 * is the agent's data, which auditors do not hold, so re-running it without that data would call a
 * correct answer wrong.
 */
public final class ChatReexecutor implements Reexecutor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ModelCatalog models;
  private final Kernels kernels;
  private final Map<Bytes32, ChatBackend> loaded = new ConcurrentHashMap<>();

  public ChatReexecutor(ModelCatalog models, Kernels kernels) {
    this.models = models;
    this.kernels = kernels;
  }

  @Override
  public String rerun(InferenceReceipt receipt, Bytes requestBody) {
    if (namesAgent(requestBody))
      throw new AuditException(
          "the request runs an iNFT agent whose data auditors do not hold: it cannot be"
              + " re-executed");
    ChatBackend backend = backend(receipt.response().modelRoot());
    int claimed = (int) Math.max(1, Math.min(Integer.MAX_VALUE, receipt.response().outputTokens()));
    ChatBackend.ChatRequest request;
    try {
      request = InferenceApi.chatRequest(requestBody.toArray(), claimed);
    } catch (ServingException e) {
      throw new AuditException("the request body is not a chat request: " + e.getMessage(), e);
    }
    // one generation at a time per model: the runtime's buffers are per model
    synchronized (backend) {
      return backend.complete(request, ChatBackend.TokenSink.ignore()).text();
    }
  }

  private static boolean namesAgent(Bytes body) {
    try {
      JsonNode o = JSON.readTree(body.toArray());
      return o != null && o.has(AgentCall.FIELD);
    } catch (IOException e) {
      return false; // not JSON: chatRequest below says so
    }
  }

  private ChatBackend backend(Bytes32 root) {
    ChatBackend b = loaded.get(root);
    if (b != null) return b;
    synchronized (loaded) {
      b = loaded.get(root);
      if (b != null) return b;
      ModelBundle m;
      try {
        m = models.load(root);
      } catch (IOException e) {
        throw new AuditException("cannot load model " + root + ": " + e.getMessage(), e);
      }
      if (m.tokenizer().isEmpty())
        throw new AuditException("model " + root + " carries no tokenizer: not a chat model");
      b =
          new RuntimeChatBackend(
              "audit", root, m.tokenizer().get(), new Transformer(m.weights(), kernels));
      loaded.put(root, b);
      return b;
    }
  }
}

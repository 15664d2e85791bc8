package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.serving.ChatBackend.ChatCompletion;
import io.levity.compute.serving.OpenAiJson.ChatCall;
import io.levity.compute.serving.OpenAiJson.EmbedCall;
import io.levity.compute.serving.RequestGate.Admission;
import io.levity.compute.serving.RequestGate.Refusal;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * The provider's API without the transport (docs/compute.md): routes a request, validates it,
 * admits it through the {@link RequestGate}, runs the backend, signs the response terms, journals
 * the receipt and only then answers. A plain answer carries the receipt in {@code X-Levity-*}
 * headers and a {@code levity} field; a stream carries it in its last chunk, signed over the
 * Keccak-256 of the concatenated streamed text.
 */
public final class InferenceApi implements HttpApi {
  /** Request limits; each next to its default in {@link #defaults()}. */
  public record Limits(int maxPromptChars, int defaultMaxTokens, int maxTokens, int maxConcurrent) {
    public static Limits defaults() {
      return new Limits(32_768, 64, 4096, 8);
    }
  }

  /** One HTTP exchange: a whole reply, or a stream of server-sent events. */
  public interface Exchange {
    void reply(int status, JsonNode body, Map<String, String> headers);

    void startStream(Map<String, String> headers);

    /** One {@code data:} event. */
    void event(String data);

    void endStream();
  }

  private final Map<String, ChatBackend> chats = new LinkedHashMap<>();
  private final Map<String, EmbeddingBackend> embedders = new LinkedHashMap<>();
  private final RequestGate gate;
  private final ResponseSigner signer;
  private final ServingPricing pricing;
  private final ReceiptJournal journal;
  private final TimeSource time;
  private final Limits limits;
  private final Semaphore busy;

  public InferenceApi(
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      RequestGate gate,
      ResponseSigner signer,
      ServingPricing pricing,
      ReceiptJournal journal,
      TimeSource time,
      Limits limits) {
    chats.forEach(c -> this.chats.put(c.modelId(), c));
    embedders.forEach(e -> this.embedders.put(e.modelId(), e));
    this.gate = gate;
    this.signer = signer;
    this.pricing = pricing;
    this.journal = journal;
    this.time = time;
    this.limits = limits;
    this.busy = new Semaphore(limits.maxConcurrent());
  }

  public Limits limits() {
    return limits;
  }

  @Override
  public int maxConcurrent() {
    return limits.maxConcurrent();
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
      String method, String path, Function<String, String> header, byte[] body, Exchange x) {
    try {
      switch (path) {
        case "/v1/models" -> {
          allow(method, "GET");
          x.reply(200, models(), Map.of());
        }
        case "/v1/chat/completions" -> {
          allow(method, "POST");
          chat(header, body, x);
        }
        case "/v1/embeddings" -> {
          allow(method, "POST");
          embeddings(header, body, x);
        }
        default -> throw new ServingException(404, "no such endpoint " + path);
      }
    } catch (ServingException e) {
      x.reply(e.status(), OpenAiJson.error(e.status(), e.getMessage()), Map.of());
    }
  }

  private static void allow(String method, String allowed) {
    if (!method.equals(allowed)) throw new ServingException(405, "use " + allowed);
  }

  private JsonNode models() {
    List<String> ids = new ArrayList<>();
    List<String> owners = new ArrayList<>();
    chats.values().forEach(c -> add(ids, owners, c.modelId()));
    embedders.values().forEach(e -> add(ids, owners, e.modelId()));
    return OpenAiJson.models(ids, owners);
  }

  private void add(List<String> ids, List<String> owners, String id) {
    ids.add(id);
    owners.add(signer.provider().toHex());
  }

  private Admission admit(Function<String, String> header, byte[] body) {
    return switch (gate.admit(header, body)) {
      case Admission a -> a;
      case Refusal r -> throw new ServingException(r.status(), r.reason());
    };
  }

  private void chat(Function<String, String> header, byte[] body, Exchange x) {
    ChatCall call =
        OpenAiJson.chat(OpenAiJson.parse(body), limits.defaultMaxTokens(), limits.maxTokens());
    ChatBackend backend = chats.get(call.model());
    if (backend == null) throw unknownModel(call.model());
    if (call.promptChars() > limits.maxPromptChars())
      throw new ServingException(
          413,
          "the prompt is "
              + call.promptChars()
              + " characters, above this provider's limit of "
              + limits.maxPromptChars());
    Admission a = admit(header, body);
    String id = "chatcmpl-" + a.requestHash().toHex().substring(2, 26);
    long created = time.epochMillis() / 1000;
    boolean started = false;
    boolean charged = false;
    try {
      if (!call.stream()) {
        ChatCompletion c = backend.complete(call.request(), ChatBackend.TokenSink.ignore());
        ServingReceipt r =
            receipt(a, text(c.text()), backend, c.promptTokens(), c.completionTokens());
        charged = true;
        ObjectNode o = OpenAiJson.completion(id, created, call.model(), c.text(), c.finishReason());
        OpenAiJson.usage(o, c.promptTokens(), c.completionTokens());
        o.set("levity", ReceiptJournal.toJson(r));
        x.reply(200, o, headers(r));
        return;
      }
      x.startStream(Map.of());
      started = true;
      x.event(OpenAiJson.chunk(id, created, call.model(), "assistant", "", null).toString());
      StringBuilder streamed = new StringBuilder();
      ChatCompletion c =
          backend.complete(
              call.request(),
              piece -> {
                streamed.append(piece);
                x.event(OpenAiJson.chunk(id, created, call.model(), null, piece, null).toString());
              });
      x.event(OpenAiJson.chunk(id, created, call.model(), null, null, c.finishReason()).toString());
      ServingReceipt r =
          receipt(a, text(streamed.toString()), backend, c.promptTokens(), c.completionTokens());
      charged = true;
      ObjectNode last = OpenAiJson.head(id, "chat.completion.chunk", created, call.model());
      last.putArray("choices");
      OpenAiJson.usage(last, c.promptTokens(), c.completionTokens());
      last.set("levity", ReceiptJournal.toJson(r));
      x.event(last.toString());
      x.event("[DONE]");
      x.endStream();
    } catch (RuntimeException e) {
      if (!charged) gate.released(a);
      if (!started) throw e instanceof ServingException s ? s : internal(e);
      int status = e instanceof ServingException s ? s.status() : 500;
      x.event(OpenAiJson.error(status, String.valueOf(e.getMessage())).toString());
      x.endStream();
    }
  }

  private void embeddings(Function<String, String> header, byte[] body, Exchange x) {
    EmbedCall call = OpenAiJson.embeddings(OpenAiJson.parse(body));
    EmbeddingBackend backend = embedders.get(call.model());
    if (backend == null) throw unknownModel(call.model());
    int total = 0;
    for (String s : call.inputs()) {
      if (s.length() > backend.maxChars())
        throw new ServingException(
            413,
            "an input is " + s.length() + " characters, above the model's " + backend.maxChars());
      total += s.length();
    }
    if (total > limits.maxPromptChars())
      throw new ServingException(
          413, "the inputs are " + total + " characters, above " + limits.maxPromptChars());
    Admission a = admit(header, body);
    boolean charged = false;
    try {
      Keccak.Hasher hash = new Keccak.Hasher();
      ObjectNode o = OpenAiJson.JSON.createObjectNode().put("object", "list");
      ArrayNode data = o.putArray("data");
      long tokens = 0;
      for (int i = 0; i < call.inputs().size(); i++) {
        String in = call.inputs().get(i);
        float[] v = backend.embed(in);
        tokens += backend.tokens(in);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) b.putFloat(f);
        hash.update(b.array());
        ObjectNode e = data.addObject().put("object", "embedding").put("index", i);
        if (call.base64()) e.put("embedding", Base64.getEncoder().encodeToString(b.array()));
        else {
          ArrayNode arr = e.putArray("embedding");
          for (float f : v) arr.add(f);
        }
      }
      o.put("model", call.model());
      o.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
      ServingReceipt r =
          receipt(a, Bytes32.of32(hash.digest()), backend.modelRoot(), tokens, 0, true);
      charged = true;
      o.set("levity", ReceiptJournal.toJson(r));
      x.reply(200, o, headers(r));
    } catch (RuntimeException e) {
      if (!charged) gate.released(a);
      throw e instanceof ServingException s ? s : internal(e);
    }
  }

  private ServingReceipt receipt(
      Admission a, Bytes32 responseHash, ChatBackend backend, long in, long out) {
    return receipt(a, responseHash, backend.modelRoot(), in, out, backend.verifiable());
  }

  /** Prices, signs and journals an answer; the gate's hold becomes the fee. */
  private ServingReceipt receipt(
      Admission a, Bytes32 responseHash, Bytes32 modelRoot, long in, long out, boolean verifiable) {
    ServingResponseTerms terms =
        new ServingResponseTerms(
            a.requestHash(),
            responseHash,
            modelRoot,
            in,
            out,
            pricing.fee(in, out).min(a.maxFee()),
            a.user(),
            a.nonce());
    ServingReceipt r =
        new ServingReceipt(
            a.terms(), a.userSignature(), terms, Bytes.wrap(signer.sign(terms)), verifiable);
    try {
      journal.append(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot journal the receipt", e);
    }
    gate.charged(a, terms.fee());
    return r;
  }

  /** The Keccak-256 of a text's UTF-8 bytes: the response hash of a chat answer. */
  public static Bytes32 text(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> headers(ServingReceipt r) {
    ServingResponseTerms s = r.response();
    Map<String, String> h = new LinkedHashMap<>();
    h.put("X-Levity-Provider", r.request().provider().toHex());
    h.put("X-Levity-Request-Hash", s.requestHash().toHex());
    h.put("X-Levity-Response-Hash", s.responseHash().toHex());
    h.put("X-Levity-Model-Root", s.modelRoot().toHex());
    h.put("X-Levity-Input-Tokens", Long.toString(s.inputTokens()));
    h.put("X-Levity-Output-Tokens", Long.toString(s.outputTokens()));
    h.put("X-Levity-Fee", s.fee().toString());
    h.put("X-Levity-Nonce", Long.toUnsignedString(s.nonce()));
    h.put("X-Levity-Receipt-Signature", r.providerSignature().toHex());
    h.put("X-Levity-Verifiable", Boolean.toString(r.verifiable()));
    return h;
  }

  private ServingException unknownModel(String model) {
    return new ServingException(
        404, "the model '" + model + "' is not served here; GET /v1/models lists those that are");
  }

  private static ServingException internal(RuntimeException e) {
    return new ServingException(500, "the backend failed: " + e);
  }
}

package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.agents.AgentSource;
import io.levity.compute.serving.ChatBackend.ChatCompletion;
import io.levity.compute.serving.ChatBackend.ChatRequest;
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
import java.util.Optional;
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
  private final AgentSource agents;
  private volatile BundleSource bundles = BundleSource.none();

  public InferenceApi(
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      RequestGate gate,
      ResponseSigner signer,
      ServingPricing pricing,
      ReceiptJournal journal,
      TimeSource time,
      Limits limits) {
    this(chats, embedders, gate, signer, pricing, journal, time, limits, AgentSource.NONE);
  }

  /** A provider that also runs iNFT agents whose data {@code agents} gives it. */
  public InferenceApi(
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      RequestGate gate,
      ResponseSigner signer,
      ServingPricing pricing,
      ReceiptJournal journal,
      TimeSource time,
      Limits limits,
      AgentSource agents) {
    chats.forEach(c -> this.chats.put(c.modelId(), c));
    embedders.forEach(e -> this.embedders.put(e.modelId(), e));
    this.gate = gate;
    this.signer = signer;
    this.pricing = pricing;
    this.journal = journal;
    this.time = time;
    this.limits = limits;
    this.busy = new Semaphore(limits.maxConcurrent());
    this.agents = agents;
  }

  public Limits limits() {
    return limits;
  }

  /** Serves the batch bundles of {@code source} at {@code GET /levity/v1/batches/{id}}. */
  public void serveBundles(BundleSource source) {
    this.bundles = source;
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
        default -> {
          if (!path.startsWith(BATCHES))
            throw new ServingException(404, "no such endpoint " + path);
          allow(method, "GET");
          x.reply(200, bundle(path.substring(BATCHES.length())), Map.of());
        }
      }
    } catch (ServingException e) {
      x.reply(e.status(), OpenAiJson.error(e.status(), e.getMessage()), Map.of());
    }
  }

  /** Where bundles are served: this prefix and the batch id. */
  public static final String BATCHES = "/levity/v1/batches/";

  private JsonNode bundle(String id) {
    long batchId;
    try {
      batchId = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new ServingException(400, "a batch id is a decimal number, got '" + id + "'");
    }
    return bundles
        .bundle(batchId)
        .orElseThrow(
            () -> new ServingException(404, "this provider holds no bundle of batch " + batchId));
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
    JsonNode json = OpenAiJson.parse(body);
    ChatCall call = OpenAiJson.chat(json, limits.defaultMaxTokens(), limits.maxTokens());
    Optional<AgentCall> agent = AgentServing.read(json);
    ChatBackend backend = chats.get(call.model());
    if (backend == null) throw unknownModel(call.model());
    if (call.promptChars() > limits.maxPromptChars())
      throw new ServingException(
          413,
          "the prompt is "
              + call.promptChars()
              + " characters, above this provider's limit of "
              + limits.maxPromptChars());
    ChatRequest request = AgentServing.withAgent(call, agent, header, agents, limits);
    Admission a = admit(header, body);
    String id = "chatcmpl-" + a.requestHash().toHex().substring(2, 26);
    long created = time.epochMillis() / 1000;
    boolean started = false;
    boolean charged = false;
    try {
      if (!call.stream()) {
        ChatCompletion c = backend.complete(request, ChatBackend.TokenSink.ignore());
        ServingReceipt r =
            receipt(a, body, c.text(), backend, agent, c.promptTokens(), c.completionTokens());
        charged = true;
        ObjectNode o = OpenAiJson.completion(id, created, call.model(), c.text(), c.finishReason());
        OpenAiJson.usage(o, c.promptTokens(), c.completionTokens());
        o.set("levity", AgentServing.named(ReceiptJournal.toJson(r), agent));
        x.reply(200, o, AgentServing.named(r.headers(), agent));
        return;
      }
      x.startStream(Map.of());
      started = true;
      x.event(OpenAiJson.chunk(id, created, call.model(), "assistant", "", null).toString());
      StringBuilder streamed = new StringBuilder();
      ChatCompletion c =
          backend.complete(
              request,
              piece -> {
                streamed.append(piece);
                x.event(OpenAiJson.chunk(id, created, call.model(), null, piece, null).toString());
              });
      x.event(OpenAiJson.chunk(id, created, call.model(), null, null, c.finishReason()).toString());
      ServingReceipt r =
          receipt(
              a, body, streamed.toString(), backend, agent, c.promptTokens(), c.completionTokens());
      charged = true;
      ObjectNode last = OpenAiJson.head(id, "chat.completion.chunk", created, call.model());
      last.putArray("choices");
      OpenAiJson.usage(last, c.promptTokens(), c.completionTokens());
      last.set("levity", AgentServing.named(ReceiptJournal.toJson(r), agent));
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
          receipt(
              a,
              new ReceiptJournal.Bodies(Bytes.wrap(body), null),
              Bytes32.of32(hash.digest()),
              backend.modelRoot(),
              tokens,
              0,
              true);
      charged = true;
      o.set("levity", ReceiptJournal.toJson(r));
      x.reply(200, o, r.headers());
    } catch (RuntimeException e) {
      if (!charged) gate.released(a);
      throw e instanceof ServingException s ? s : internal(e);
    }
  }

  /** An agent's answer is not re-executable by an auditor, who does not hold the agent's data. */
  private ServingReceipt receipt(
      Admission a,
      byte[] body,
      String answer,
      ChatBackend backend,
      Optional<AgentCall> agent,
      long in,
      long out) {
    return receipt(
        a,
        new ReceiptJournal.Bodies(Bytes.wrap(body), answer),
        text(answer),
        backend.modelRoot(),
        in,
        out,
        backend.verifiable() && agent.isEmpty());
  }

  /** Prices, signs and journals an answer with its bodies; the gate's hold becomes the fee. */
  private ServingReceipt receipt(
      Admission a,
      ReceiptJournal.Bodies bodies,
      Bytes32 responseHash,
      Bytes32 modelRoot,
      long in,
      long out,
      boolean verifiable) {
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
      journal.append(r, bodies);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot journal the receipt", e);
    }
    gate.charged(a, terms.fee());
    return r;
  }

  /**
   * A chat request body parsed as this API parses it, {@code defaultMaxTokens} standing in for an
   * absent max_tokens (what auditors re-execute); throws {@link ServingException} when malformed.
   */
  public static ChatBackend.ChatRequest chatRequest(byte[] body, int defaultMaxTokens) {
    return OpenAiJson.chat(OpenAiJson.parse(body), defaultMaxTokens, Integer.MAX_VALUE).request();
  }

  /** The Keccak-256 of a text's UTF-8 bytes: the response hash of a chat answer. */
  public static Bytes32 text(String s) {
    return Keccak.hash(s.getBytes(StandardCharsets.UTF_8));
  }

  private ServingException unknownModel(String model) {
    return new ServingException(
        404, "the model '" + model + "' is not served here; GET /v1/models lists those that are");
  }

  private static ServingException internal(RuntimeException e) {
    return new ServingException(500, "the backend failed: " + e);
  }
}

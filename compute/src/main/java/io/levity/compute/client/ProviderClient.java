package io.levity.compute.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A user's verifying client for one provider on the market. Each request is signed as the
 * provider's {@link SignedRequestGate} expects: the next nonce (the higher of the market's settled
 * nonce and the last this client or its store used, plus one), a max fee bounded from the
 * registered prices ({@link #maxFee}, or given), a deadline {@code deadlineAfter} from now. Every
 * answer is verified ({@link ReceiptVerifier}) against the registered service and the bytes
 * received, and stored in the {@link UserReceiptStore}, verified or not, before it is returned.
 *
 * <p>The provider admits only the next nonce of a user, so requests to one provider are sent one at
 * a time, in nonce order: a client serializes its calls (a stream holds it until its end). That
 * bounds one user's throughput with one provider to one request in flight.
 */
public final class ProviderClient {
  /** Chat and embedding paths, relative to the registered endpoint (which ends in /v1). */
  public static final String CHAT = "/chat/completions";

  public static final String EMBEDDINGS = "/embeddings";

  private static final Pattern LAST_SERVED =
      Pattern.compile("replayed or out of order: .* the last one served, (\\d{1,18})$");

  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * How requests are signed and how long answers may take.
   *
   * @param timeout the longest wait for an answer's head, and for each line of a stream
   * @param deadlineAfter how long after signing the provider may still settle the request
   * @param promptSlack tokens added to a body's byte length for the input-token bound
   * @param defaultOutputBound output tokens assumed when a chat body names no max_tokens
   */
  public record Settings(
      Duration timeout, Duration deadlineAfter, int promptSlack, int defaultOutputBound) {
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(2), Duration.ofHours(1), 64, 4096);
    }
  }

  /** A verified plain answer: the provider's JSON (floats kept exact) and its stored receipt. */
  public record Answer(JsonNode body, StoredReceipt stored) {}

  /** A verified stream: the text streamed, the final event carrying the receipt, the receipt. */
  public record StreamedAnswer(String text, String receiptEvent, StoredReceipt stored) {}

  private final ProviderDirectory directory;
  private final Secp256k1.KeyPair user;
  private final Address provider;
  private final InferenceService service;
  private final UserReceiptStore store;
  private final HttpClient http;
  private final TimeSource time;
  private final Settings settings;
  private long lastNonce;

  private ProviderClient(
      ProviderDirectory directory,
      Secp256k1.KeyPair user,
      Address provider,
      InferenceService service,
      UserReceiptStore store,
      HttpClient http,
      TimeSource time,
      Settings settings) {
    this.directory = directory;
    this.user = user;
    this.provider = provider;
    this.service = service;
    this.store = store;
    this.http = http;
    this.time = time;
    this.settings = settings;
  }

  /**
   * The HTTP client providers are reached with: HTTP/1.1 (providers speak nothing else, so no h2c
   * upgrade is offered on each new connection), a 10-second connect timeout.
   */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A client for {@code provider}'s registered service; fails when it is not registered. */
  public static ProviderClient connect(
      ProviderDirectory directory,
      Secp256k1.KeyPair user,
      Address provider,
      UserReceiptStore store,
      HttpClient http,
      TimeSource time,
      Settings settings) {
    InferenceService service =
        directory
            .service(provider)
            .orElseThrow(
                () ->
                    new InferenceClientException(
                        "provider " + provider.toHex() + " is not registered on the market"));
    return new ProviderClient(directory, user, provider, service, store, http, time, settings);
  }

  public Address provider() {
    return provider;
  }

  public InferenceService service() {
    return service;
  }

  /**
   * The most a request with {@code body} can cost at the registered prices: input tokens bounded by
   * the body's length in bytes (every served prompt is shorter than the JSON carrying it, and a
   * token is at least one byte) plus the slack, output tokens by the body's max_tokens (or
   * max_completion_tokens, else the default bound; none for embeddings).
   */
  public BigInteger maxFee(String path, byte[] body) {
    long in = (long) body.length + settings.promptSlack();
    long out = 0;
    if (path.equals(CHAT)) {
      out = settings.defaultOutputBound();
      try {
        JsonNode n = JSON.readTree(body);
        JsonNode mt =
            n.hasNonNull("max_completion_tokens")
                ? n.get("max_completion_tokens")
                : n.get("max_tokens");
        if (mt != null && mt.canConvertToLong() && mt.asLong() > 0) out = mt.asLong();
      } catch (IOException e) {
        // a malformed body is refused by the provider with 400; the bound does not matter
      }
    }
    return service.fee(in, out);
  }

  /** Sends a plain (not streamed) request and returns its verified answer. */
  public synchronized Answer send(String path, byte[] body, Optional<BigInteger> maxFee) {
    Admitted<InputStream> a =
        admitted(
            path,
            body,
            maxFee,
            HttpResponse.BodyHandlers.ofInputStream(),
            BoundedAnswers::readQuietly);
    InferenceRequest sent = a.sent();
    JsonNode answer;
    try {
      answer = parse(BoundedAnswers.read(a.response().body(), BoundedAnswers.MAX_BYTES));
    } catch (IOException e) {
      throw new ProviderUnreachableException(provider, service.endpoint(), e);
    }
    ServingReceipt receipt = ReceiptVerifier.parse(provider, answer.get("levity"));
    byte[] received = ResponseBytes.of(path, answer);
    StoredReceipt stored = keep(path, body, sent, receipt, received, answer.path("model"), false);
    return new Answer(answer, stored);
  }

  /**
   * Sends a streamed chat request: each event's data before the receipt goes to {@code events} as
   * it arrives; the receipt's event is held back until the receipt is verified.
   */
  public synchronized StreamedAnswer stream(
      String path, byte[] body, Optional<BigInteger> maxFee, Consumer<String> events) {
    Admitted<InputStream> a =
        admitted(
            path,
            body,
            maxFee,
            HttpResponse.BodyHandlers.ofInputStream(),
            BoundedAnswers::readQuietly);
    StringBuilder text = new StringBuilder();
    String receiptEvent = null;
    JsonNode model = null;
    StallGuard guard = new StallGuard(settings.timeout(), time);
    try (guard;
        Stream<String> lines =
            BoundedAnswers.lines(a.response().body(), BoundedAnswers.MAX_BYTES)) {
      Iterator<String> it = lines.iterator();
      while (it.hasNext()) {
        String line = it.next();
        guard.progress();
        if (!line.startsWith("data:")) continue;
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) break;
        JsonNode e = parse(data.getBytes(StandardCharsets.UTF_8));
        if (e.has("error")) throw refused(e.path("error").path("code").asInt(502), e);
        if (e.has("levity")) {
          receiptEvent = data;
          model = e.path("model");
          continue;
        }
        JsonNode delta = e.path("choices").path(0).path("delta").path("content");
        if (delta.isTextual()) text.append(delta.asText());
        events.accept(data);
      }
    } catch (UncheckedIOException e) {
      IOException cause =
          guard.fired()
              ? new IOException(
                  "the stream stalled: nothing for " + settings.timeout().toSeconds() + " s")
              : e.getCause();
      throw new ProviderUnreachableException(provider, service.endpoint(), cause);
    }
    if (receiptEvent == null)
      throw new ReceiptRejectedException(
          provider, ReceiptCheck.RECEIPT, "the stream ended without one");
    ServingReceipt receipt =
        ReceiptVerifier.parse(
            provider, parse(receiptEvent.getBytes(StandardCharsets.UTF_8)).get("levity"));
    byte[] received = text.toString().getBytes(StandardCharsets.UTF_8);
    StoredReceipt stored = keep(path, body, a.sent(), receipt, received, model, true);
    return new StreamedAnswer(text.toString(), receiptEvent, stored);
  }

  /** A request the provider admitted (status 200), and how it was signed. */
  private record Admitted<T>(InferenceRequest sent, HttpResponse<T> response) {}

  /**
   * Signs and sends a request until the provider admits it or refuses it for a reason other than
   * the nonce: a provider that served a nonce this client has no receipt of (the answer was lost on
   * the way, or another client of the same key used it) says which nonce it served last, and the
   * request is signed once more with the one after it.
   */
  private <T> Admitted<T> admitted(
      String path,
      byte[] body,
      Optional<BigInteger> maxFee,
      HttpResponse.BodyHandler<T> handler,
      Function<T, byte[]> errorBytes) {
    for (int attempt = 0; ; attempt++) {
      InferenceRequest sent = sign(path, body, maxFee);
      HttpResponse<T> r = exchange(request(path, body, sent), handler);
      if (r.statusCode() == 200) {
        lastNonce = sent.nonce();
        return new Admitted<>(sent, r);
      }
      JsonNode error = parse(errorBytes.apply(r.body()));
      if (attempt == 0 && resync(r.statusCode(), error, sent.nonce())) continue;
      throw refused(r.statusCode(), error);
    }
  }

  /** Takes the provider's last served nonce from its 401 "out of order"; whether it moved on. */
  private boolean resync(int status, JsonNode error, long tried) {
    if (status != 401) return false;
    Matcher m = LAST_SERVED.matcher(error.path("error").path("message").asText(""));
    if (!m.find()) return false;
    long served = Long.parseLong(m.group(1));
    if (served < tried) return false;
    lastNonce = Math.max(lastNonce, served);
    return true;
  }

  /** Verifies, stores (either way), and throws when a check failed. */
  private StoredReceipt keep(
      String path,
      byte[] body,
      InferenceRequest sent,
      ServingReceipt receipt,
      byte[] received,
      JsonNode model,
      boolean stream) {
    Bytes32 hash = Keccak.hash(received);
    Optional<ReceiptRejectedException> failed = Optional.empty();
    try {
      ReceiptVerifier.verify(service, directory.domain(), sent, hash, receipt);
    } catch (ReceiptRejectedException e) {
      failed = Optional.of(e);
    }
    StoredReceipt stored =
        new StoredReceipt(
            receipt,
            service.endpoint(),
            path,
            model == null ? "" : model.asText(""),
            stream,
            Bytes.wrap(body),
            Bytes.wrap(received),
            failed.map(ReceiptRejectedException::check),
            time.epochMillis());
    try {
      store.append(stored);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the receipt in " + store.file(), e);
    }
    if (failed.isPresent()) throw failed.get();
    return stored;
  }

  private InferenceRequest sign(String path, byte[] body, Optional<BigInteger> maxFee) {
    long nonce =
        Math.max(
                Math.max(
                    directory.settledNonce(user.address(), provider), store.highestNonce(provider)),
                lastNonce)
            + 1;
    long deadline = time.epochMillis() / 1000 + settings.deadlineAfter().toSeconds();
    return new InferenceRequest(
        user.address(),
        provider,
        Keccak.hash(body),
        maxFee.orElseGet(() -> maxFee(path, body)),
        nonce,
        deadline);
  }

  private HttpRequest request(String path, byte[] body, InferenceRequest q) {
    Bytes sig =
        InferenceTypedData.sign(user, InferenceTypedData.requestDigest(directory.domain(), q));
    return HttpRequest.newBuilder(URI.create(service.endpoint() + path))
        .timeout(settings.timeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json")
        .header(SignedRequestGate.USER, q.user().toHex())
        .header(SignedRequestGate.NONCE, Long.toString(q.nonce()))
        .header(SignedRequestGate.MAX_FEE, q.maxFee().toString())
        .header(SignedRequestGate.DEADLINE, Long.toString(q.deadline()))
        .header(SignedRequestGate.SIGNATURE, sig.toHex())
        .build();
  }

  private <T> HttpResponse<T> exchange(HttpRequest q, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(q, handler);
    } catch (IOException e) {
      throw new ProviderUnreachableException(provider, service.endpoint(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderUnreachableException(provider, service.endpoint(), e);
    } catch (IllegalArgumentException e) {
      throw new InferenceClientException(
          "provider "
              + provider.toHex()
              + " registered an unusable endpoint "
              + service.endpoint());
    }
  }

  private ProviderRefusedException refused(int status, JsonNode answer) {
    String reason = answer.path("error").path("message").asText("");
    return new ProviderRefusedException(
        provider, status, reason.isEmpty() ? "HTTP " + status : reason);
  }

  private JsonNode parse(byte[] bytes) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n != null && n.isObject()) return n;
    } catch (IOException e) {
      // not JSON: answered below
    }
    return JSON.createObjectNode()
        .set(
            "error",
            JSON.createObjectNode()
                .put(
                    "message",
                    "the provider answered something that is not a JSON object ("
                        + bytes.length
                        + " bytes)"));
  }
}

package io.levity.compute.serving;

import static io.levity.compute.serving.ServingFixture.ALICE;
import static io.levity.compute.serving.ServingFixture.MALLORY;
import static io.levity.compute.serving.ServingFixture.PROVIDER;
import static io.levity.compute.serving.ServingFixture.chatBody;
import static io.levity.compute.serving.ServingFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's API on loopback with stub backends: shapes, signatures, every refusal. */
class InferenceServerTest {
  @TempDir Path dir;
  private final StubBackends.Echo echo = new StubBackends.Echo();
  private ServingFixture f;

  @BeforeEach
  void start() throws Exception {
    f =
        new ServingFixture(
            dir,
            List.of(echo),
            List.of(new StubBackends.Hashing()),
            new InferenceApi.Limits(200, 16, 64, 1),
            new InferenceServer.Config("127.0.0.1", 0, 4096, 10_000, 30));
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  @Test
  void listsItsModels() throws Exception {
    HttpResponse<String> r = f.send("GET", "/v1/models", new byte[0], Map.of());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.path("object").asText()).isEqualTo("list");
    assertThat(j.path("data").findValuesAsText("id")).containsExactly("stub-chat", "stub-embed");
    assertThat(j.path("data").get(0).path("object").asText()).isEqualTo("model");
  }

  @Test
  void plainChatIsOpenAiShapedSignedAndJournaled() throws Exception {
    String body = chatBody("stub-chat", "hello there", 7, false);
    HttpResponse<String> r = f.post("/v1/chat/completions", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode j = json(r);
    assertThat(j.path("object").asText()).isEqualTo("chat.completion");
    assertThat(j.path("id").asText()).startsWith("chatcmpl-");
    JsonNode choice = j.path("choices").get(0);
    assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
    assertThat(choice.path("message").path("content").asText()).isEqualTo("echo hello there #7");
    assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    assertThat(j.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
    assertThat(j.path("usage").path("completion_tokens").asInt()).isEqualTo(4);
    assertThat(j.path("usage").path("total_tokens").asInt()).isEqualTo(15);

    ServingResponseTerms terms = termsFromHeaders(r);
    assertThat(terms.requestHash()).isEqualTo(Keccak.hash(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(terms.responseHash()).isEqualTo(InferenceApi.text("echo hello there #7"));
    assertThat(terms.fee()).isEqualTo(BigInteger.valueOf(11 * 2 + 4 * 5));
    Signature sig = Signature.fromBytes65(Hex.decode(header(r, "X-Levity-Receipt-Signature")));
    assertThat(recover(terms, sig)).contains(PROVIDER.address());

    List<ServingReceipt> receipts = f.journal.receipts();
    assertThat(receipts).hasSize(1);
    assertThat(receipts.get(0).response()).isEqualTo(terms);
    assertThat(receipts.get(0).request().user()).isEqualTo(ALICE.address());
    assertThat(f.gate.pending(ALICE.address())).isEqualTo(terms.fee());
  }

  @Test
  void theSignatureBindsTheRequestAndTheResponse() throws Exception {
    HttpResponse<String> r =
        f.post("/v1/chat/completions", chatBody("stub-chat", "bind", 1, false));
    ServingResponseTerms t = termsFromHeaders(r);
    Signature sig = Signature.fromBytes65(Hex.decode(header(r, "X-Levity-Receipt-Signature")));
    assertThat(recover(t, sig)).contains(PROVIDER.address());
    ServingResponseTerms otherRequest =
        new ServingResponseTerms(
            flip(t.requestHash()),
            t.responseHash(),
            t.modelRoot(),
            t.inputTokens(),
            t.outputTokens(),
            t.fee(),
            t.user(),
            t.nonce());
    ServingResponseTerms otherResponse =
        new ServingResponseTerms(
            t.requestHash(),
            flip(t.responseHash()),
            t.modelRoot(),
            t.inputTokens(),
            t.outputTokens(),
            t.fee(),
            t.user(),
            t.nonce());
    assertThat(recover(otherRequest, sig)).isNotEqualTo(Optional.of(PROVIDER.address()));
    assertThat(recover(otherResponse, sig)).isNotEqualTo(Optional.of(PROVIDER.address()));
  }

  @Test
  void aStreamEndsWithTheReceiptOverEverythingStreamed() throws Exception {
    HttpResponse<String> r =
        f.post("/v1/chat/completions", chatBody("stub-chat", "a b c", 3, true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
    List<String> events = events(r.body());
    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
    StringBuilder text = new StringBuilder();
    JsonNode last = null;
    for (String e : events.subList(0, events.size() - 1)) {
      JsonNode c = ServingFixture.JSON.readTree(e);
      assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk");
      if (c.path("choices").isEmpty()) last = c;
      else text.append(c.path("choices").get(0).path("delta").path("content").asText(""));
    }
    assertThat(text.toString()).isEqualTo("echo a b c #3");
    assertThat(last).isNotNull();
    JsonNode receipt = last.path("levity");
    assertThat(receipt.path("responseHash").asText())
        .isEqualTo(InferenceApi.text("echo a b c #3").toHex());
    assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(5 + 5);
    ServingReceipt journaled = f.journal.receipts().get(0);
    assertThat(ReceiptJournal.toJson(journaled).toString()).isEqualTo(receipt.toString());
    Signature sig = Signature.fromBytes65(journaled.providerSignature().toArray());
    assertThat(recover(journaled.response(), sig)).contains(PROVIDER.address());
  }

  @Test
  void embeddingsAnswerStringsAndArraysInFloatAndBase64() throws Exception {
    HttpResponse<String> one =
        f.post("/v1/embeddings", "{\"model\":\"stub-embed\",\"input\":\"hello\"}");
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    JsonNode j = json(one);
    assertThat(j.path("object").asText()).isEqualTo("list");
    assertThat(j.path("data").get(0).path("object").asText()).isEqualTo("embedding");
    assertThat(j.path("data").get(0).path("embedding")).hasSize(4);
    assertThat(j.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
    HttpResponse<String> two =
        f.post(
            "/v1/embeddings",
            "{\"model\":\"stub-embed\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\"}");
    JsonNode k = json(two);
    assertThat(k.path("data")).hasSize(2);
    assertThat(k.path("data").get(1).path("index").asInt()).isEqualTo(1);
    assertThat(
            java.util.Base64.getDecoder().decode(k.path("data").get(1).path("embedding").asText()))
        .hasSize(16);
    assertThat(termsFromHeaders(two).outputTokens()).isZero();
  }

  @Test
  void refusesUnsignedForgedReplayedAndExpiredRequests() throws Exception {
    byte[] body = chatBody("stub-chat", "hi", 1, false).getBytes(StandardCharsets.UTF_8);
    assertThat(f.send("POST", "/v1/chat/completions", body, Map.of()).statusCode()).isEqualTo(401);

    Map<String, String> forged = new HashMap<>(f.signed(MALLORY, body, 1, 100));
    forged.put(SignedRequestGate.USER, ALICE.address().toHex());
    HttpResponse<String> r = f.send("POST", "/v1/chat/completions", body, forged);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("forged");

    Map<String, String> other = f.signed(ALICE, body, 5, 100);
    byte[] tampered = chatBody("stub-chat", "hj", 1, false).getBytes(StandardCharsets.UTF_8);
    assertThat(f.send("POST", "/v1/chat/completions", tampered, other).statusCode()).isEqualTo(401);

    assertThat(f.send("POST", "/v1/chat/completions", body, other).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = f.send("POST", "/v1/chat/completions", body, other);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.body()).contains("replayed");
    Map<String, String> lower = f.signed(ALICE, body, 4, 100);
    assertThat(f.send("POST", "/v1/chat/completions", body, lower).statusCode()).isEqualTo(401);

    Map<String, String> late = f.signed(ALICE, body, 6, 100);
    f.time.epochMillis.addAndGet(61_000);
    HttpResponse<String> expired = f.send("POST", "/v1/chat/completions", body, late);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).contains("expired");
    assertThat(f.journal.receipts()).hasSize(1);
  }

  @Test
  void refusesAMaxFeeAboveWhatIsLeftAfterPendingFees() throws Exception {
    f.balances.put(ALICE.address(), BigInteger.valueOf(150));
    byte[] body = chatBody("stub-chat", "hi", 1, false).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> tooMuch =
        f.send("POST", "/v1/chat/completions", body, f.signed(ALICE, body, 1, 151));
    assertThat(tooMuch.statusCode()).isEqualTo(402);
    // The refused nonce was not spent; the fee of this answer (2*2 + 3*5 = 19) is now pending.
    assertThat(
            f.send("POST", "/v1/chat/completions", body, f.signed(ALICE, body, 1, 150))
                .statusCode())
        .isEqualTo(200);
    assertThat(f.gate.pending(ALICE.address())).isEqualTo(BigInteger.valueOf(19));
    assertThat(
            f.send("POST", "/v1/chat/completions", body, f.signed(ALICE, body, 2, 132))
                .statusCode())
        .isEqualTo(402);
    assertThat(
            f.send("POST", "/v1/chat/completions", body, f.signed(ALICE, body, 2, 131))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void pendingFeesAndServedNoncesSurviveARestart() throws Exception {
    f.balances.put(ALICE.address(), BigInteger.valueOf(150));
    assertThat(f.post("/v1/chat/completions", chatBody("stub-chat", "hi", 1, false)).statusCode())
        .isEqualTo(402);
    byte[] body = chatBody("stub-chat", "hi", 1, false).getBytes(StandardCharsets.UTF_8);
    assertThat(
            f.send("POST", "/v1/chat/completions", body, f.signed(ALICE, body, 20, 150))
                .statusCode())
        .isEqualTo(200);
    SignedRequestGate restarted =
        new SignedRequestGate(
            PROVIDER.address(),
            ServingFixture::requestDigest,
            new DurableNonceGuard(dir.resolve("nonces")),
            u -> BigInteger.valueOf(150),
            f.time);
    SignedRequestGate fromJournal;
    try (ReceiptJournal reopened = new ReceiptJournal(dir.resolve("receipts"))) {
      restarted.restorePending(reopened.receipts());
      fromJournal =
          new SignedRequestGate(
              PROVIDER.address(),
              ServingFixture::requestDigest,
              new JournalReplayGuard(reopened.receipts()),
              u -> BigInteger.valueOf(1000),
              f.time);
    }
    assertThat(fromJournal.admit(f.signed(ALICE, body, 20, 1)::get, body))
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.reason()).startsWith("replayed"));
    assertThat(fromJournal.admit(f.signed(ALICE, body, 21, 1)::get, body))
        .isInstanceOf(RequestGate.Admission.class);
    assertThat(restarted.pending(ALICE.address())).isEqualTo(BigInteger.valueOf(19));
    assertThat(restarted.admit(f.signed(ALICE, body, 21, 132)::get, body))
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.status()).isEqualTo(402));
    assertThat(restarted.admit(f.signed(ALICE, body, 20, 1)::get, body))
        .isInstanceOfSatisfying(
            RequestGate.Refusal.class, r -> assertThat(r.reason()).startsWith("replayed"));
  }

  @Test
  void batchBundlesAreServedOnlyWhenHeld() throws Exception {
    HttpResponse<String> none = f.send("GET", InferenceApi.BATCHES + "1", new byte[0], Map.of());
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(json(none).path("error").path("message").asText()).contains("no bundle of batch 1");
    assertThat(f.send("GET", InferenceApi.BATCHES + "x", new byte[0], Map.of()).statusCode())
        .isEqualTo(400);
    assertThat(f.send("POST", InferenceApi.BATCHES + "1", new byte[0], Map.of()).statusCode())
        .isEqualTo(405);
  }

  @Test
  void answersEveryMalformedRequestWithItsStatus() throws Exception {
    assertThat(f.post("/v1/chat/completions", "{not json").statusCode()).isEqualTo(400);
    assertThat(
            f.post("/v1/chat/completions", "{\"model\":\"stub-chat\",\"messages\":[]}")
                .statusCode())
        .isEqualTo(400);
    String twoChoices = chatBody("stub-chat", "x", 1, false).replace("{", "{\"n\":2,");
    assertThat(f.post("/v1/chat/completions", twoChoices).statusCode()).isEqualTo(400);
    String tooManyTokens =
        chatBody("stub-chat", "x", 1, false).replace("\"max_tokens\":12", "\"max_tokens\":65");
    assertThat(f.post("/v1/chat/completions", tooManyTokens).statusCode()).isEqualTo(400);
    HttpResponse<String> unknown = f.post("/v1/chat/completions", chatBody("gpt-9", "x", 1, false));
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("error").path("message").asText()).contains("gpt-9");
    assertThat(f.post("/v1/embeddings", "{\"model\":\"stub-chat\",\"input\":\"x\"}").statusCode())
        .isEqualTo(404);
    assertThat(f.post("/v1/completions", "{}").statusCode()).isEqualTo(404);
    assertThat(f.send("GET", "/v1/chat/completions", new byte[0], Map.of()).statusCode())
        .isEqualTo(405);
    assertThat(
            f.post("/v1/chat/completions", chatBody("stub-chat", "p".repeat(201), 1, false))
                .statusCode())
        .isEqualTo(413);
    assertThat(
            f.post(
                    "/v1/embeddings",
                    "{\"model\":\"stub-embed\",\"input\":\"" + "e".repeat(101) + "\"}")
                .statusCode())
        .isEqualTo(413);
    assertThat(
            f.post("/v1/chat/completions", chatBody("stub-chat", "b".repeat(5000), 1, false))
                .statusCode())
        .isEqualTo(413);
    assertThat(f.journal.receipts()).isEmpty();
    assertThat(f.gate.pending(ALICE.address())).isZero();
  }

  @Test
  void aFailedAnswerIsNeitherJournaledNorCharged() throws Exception {
    HttpResponse<String> plain =
        f.post("/v1/chat/completions", chatBody("stub-chat", "boom", 1, false));
    assertThat(plain.statusCode()).isEqualTo(500);
    assertThat(plain.body()).contains("fails on boom");
    HttpResponse<String> stream =
        f.post("/v1/chat/completions", chatBody("stub-chat", "boom", 1, true));
    assertThat(stream.statusCode()).isEqualTo(200);
    List<String> events = events(stream.body());
    assertThat(events.get(events.size() - 1)).contains("\"error\"").contains("fails on boom");
    assertThat(f.journal.receipts()).isEmpty();
    assertThat(f.gate.pending(ALICE.address())).isZero();
  }

  @Test
  void answersBusyWhenEverySlotIsServing() throws Exception {
    echo.hold = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> first =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return f.post("/v1/chat/completions", chatBody("stub-chat", "slow", 1, false));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    echo.entered.await();
    HttpResponse<String> busy = f.send("GET", "/v1/models", new byte[0], Map.of());
    assertThat(busy.statusCode()).isEqualTo(503);
    echo.hold.countDown();
    assertThat(first.get().statusCode()).isEqualTo(200);
    assertThat(f.send("GET", "/v1/models", new byte[0], Map.of()).statusCode()).isEqualTo(200);
  }

  static String header(HttpResponse<String> r, String name) {
    return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no header " + name));
  }

  static ServingResponseTerms termsFromHeaders(HttpResponse<String> r) {
    return new ServingResponseTerms(
        Bytes32.fromHex32(header(r, "X-Levity-Request-Hash")),
        Bytes32.fromHex32(header(r, "X-Levity-Response-Hash")),
        Bytes32.fromHex32(header(r, "X-Levity-Model-Root")),
        Long.parseLong(header(r, "X-Levity-Input-Tokens")),
        Long.parseLong(header(r, "X-Levity-Output-Tokens")),
        new BigInteger(header(r, "X-Levity-Fee")),
        ALICE.address(),
        Long.parseLong(header(r, "X-Levity-Nonce")));
  }

  static Optional<Address> recover(ServingResponseTerms t, Signature sig) {
    return Secp256k1.recoverAddress(ServingFixture.responseDigest(t).unsafeArray(), sig);
  }

  static Bytes32 flip(Bytes32 h) {
    byte[] b = h.toArray();
    b[31] ^= 1;
    return Bytes32.wrap32(b);
  }

  static List<String> events(String sse) {
    List<String> out = new ArrayList<>();
    for (String block : sse.split("\n\n", -1)) {
      if (block.startsWith("data: ")) out.add(block.substring(6));
    }
    return out;
  }
}

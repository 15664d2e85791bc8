package io.levity.compute.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.client.ReceiptCheck;
import io.levity.compute.client.StoredReceipt;
import io.levity.compute.provider.MarketResponseDigest;
import io.levity.compute.serving.KeyResponseSigner;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy against honest providers and against a dishonest one (a relay rewriting the receipt):
 * honest answers pass through and are stored; a forged signature, a response hash that is not the
 * answer's, a fee off the registered prices or above the max fee are each refused with 502 naming
 * the check (an error event and no [DONE] in a stream), and the bad receipt is kept as evidence. A
 * provider that is down is one line naming it and its endpoint.
 */
class VerifyingProxyIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  ProxyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new ProxyFixture(dir);
  }

  @AfterEach
  void stop() throws IOException {
    f.close();
  }

  @Test
  void honestAnswersPassThroughVerifiedAndStored() throws Exception {
    HttpResponse<String> models = get("/models");
    assertThat(models.statusCode()).isEqualTo(200);
    assertThat(models.body()).contains("\"echo\"").contains("\"vec\"");

    HttpResponse<String> plain = post("/chat/completions", chat("hello there", false));
    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
    assertThat(JSON.readTree(plain.body()).at("/choices/0/message/content").asText())
        .isEqualTo("echo hello there");

    HttpResponse<String> stream = post("/chat/completions", chat("a b c", true));
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.body()).contains("\"levity\"").endsWith("data: [DONE]\n\n");
    assertThat(stream.body()).contains("\"content\":\"c\"");

    HttpResponse<String> floats =
        post("/embeddings", "{\"model\":\"vec\",\"input\":[\"x\",\"yy\"]}");
    assertThat(floats.statusCode()).as(floats.body()).isEqualTo(200);
    HttpResponse<String> b64 =
        post("/embeddings", "{\"model\":\"vec\",\"input\":\"z\",\"encoding_format\":\"base64\"}");
    assertThat(b64.statusCode()).as(b64.body()).isEqualTo(200);

    List<StoredReceipt> all = f.store.all();
    assertThat(all)
        .hasSize(4)
        .allMatch(StoredReceipt::verified)
        .allMatch(StoredReceipt::hashesMatch);
    assertThat(all.stream().map(StoredReceipt::nonce)).containsExactly(1L, 2L, 1L, 2L);
    assertThat(all.get(1).responseText()).isEqualTo("echo a b c");
    assertThat(f.store.find(ProxyFixture.CHAT.address(), 2)).contains(all.get(1));
    assertThat(f.chatJournal.receipts()).hasSize(2);
  }

  @Test
  void aForgedSignatureIs502NamingTheCheckAndKeptAsEvidence() throws Exception {
    f.relay.tamper = resign(ProxyFixture.MALLORY, UnaryOperator.identity());
    refused(post("/chat/completions", chat("hi", false)), ReceiptCheck.SIGNATURE);
    assertThat(f.store.all())
        .singleElement()
        .satisfies(r -> assertThat(r.failedCheck()).contains(ReceiptCheck.SIGNATURE));
    // the nonce was spent at the provider: the next request signs the next one and is served
    f.relay.tamper = UnaryOperator.identity();
    assertThat(post("/chat/completions", chat("again", false)).statusCode()).isEqualTo(200);
    assertThat(f.store.all().get(1).nonce()).isEqualTo(2);
  }

  @Test
  void anAnswerThatIsNotTheSignedOneIs502() throws Exception {
    f.relay.tamper =
        o -> {
          ((ObjectNode) o.at("/choices/0/message")).put("content", "something else");
          return o;
        };
    refused(post("/chat/completions", chat("hi", false)), ReceiptCheck.RESPONSE_HASH);
  }

  @Test
  void aStreamWithABadReceiptEndsWithAnErrorEventAndNoDone() throws Exception {
    f.relay.tamper =
        resign(ProxyFixture.CHAT, t -> withResponse(t, Bytes.fromHex("0x" + "ab".repeat(32))));
    HttpResponse<String> r = post("/chat/completions", chat("one two", true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("\"content\":\"two\"")
        .contains("RESPONSE_HASH")
        .doesNotContain("[DONE]");
    assertThat(r.body()).doesNotContain("\"levity\"");
  }

  @Test
  void aFeeOffThePricesOrAboveTheMaxFeeIs502() throws Exception {
    f.relay.tamper =
        resign(
            ProxyFixture.CHAT,
            t -> withTokens(t, t.inputTokens(), t.outputTokens(), t.fee().add(BigInteger.ONE)));
    refused(post("/chat/completions", chat("hi", false)), ReceiptCheck.FEE);
    // a fee that is the prices times the tokens claimed, but above what the user signed for
    f.relay.tamper =
        resign(
            ProxyFixture.CHAT,
            t ->
                withTokens(
                    t,
                    t.inputTokens(),
                    1_000_000,
                    ProxyFixture.PRICES.fee(t.inputTokens(), 1_000_000)));
    refused(post("/chat/completions", chat("hi", false)), ReceiptCheck.MAX_FEE);
    assertThat(f.store.all())
        .extracting(r -> r.failedCheck().orElseThrow())
        .containsExactly(ReceiptCheck.FEE, ReceiptCheck.MAX_FEE);
  }

  @Test
  void anAnswerLargerThanTheClientsCapIsRefusedNotBuffered() throws Exception {
    String padding = "x".repeat(17 << 20); // over the client's 16 MiB cap
    f.relay.tamper = o -> o.put("padding", padding);
    HttpResponse<String> r = post("/chat/completions", chat("hi", false));
    assertThat(r.statusCode()).isEqualTo(502);
    assertThat(JSON.readTree(r.body()).at("/error/message").asText())
        .contains("larger than 16777216 bytes")
        .contains(ProxyFixture.CHAT.address().toHex());
  }

  @Test
  void aProviderThatIsDownIsOneLineNamingItAndItsEndpoint() throws Exception {
    f.stopEmbedder();
    HttpResponse<String> r = post("/embeddings", "{\"model\":\"vec\",\"input\":\"x\"}");
    assertThat(r.statusCode()).isEqualTo(502);
    String message = JSON.readTree(r.body()).at("/error/message").asText();
    assertThat(message)
        .contains(ProxyFixture.EMBED.address().toHex())
        .contains(f.registry.get(ProxyFixture.EMBED.address()).endpoint())
        .contains("unreachable")
        .doesNotContain("\n");
  }

  @Test
  void webPagesUnknownModelsAndBadBodiesAreRefused() throws Exception {
    HttpResponse<String> fromPage =
        f.http.send(
            HttpRequest.newBuilder(f.base.resolve("/v1/chat/completions"))
                .header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString(chat("hi", false)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(fromPage.statusCode()).isEqualTo(403);
    assertThat(VerifyingProxy.loopback("127.0.0.1:8710")).isTrue();
    assertThat(VerifyingProxy.loopback("localhost")).isTrue();
    assertThat(VerifyingProxy.loopback("[::1]:8710")).isTrue();
    assertThat(VerifyingProxy.loopback("127.0.0.1.evil.example:8710")).isFalse();
    assertThat(VerifyingProxy.loopback("evil.example")).isFalse();
    assertThat(post("/chat/completions", chat("hi", false).replace("echo", "nope")).statusCode())
        .isEqualTo(404);
    assertThat(post("/chat/completions", "{not json").statusCode()).isEqualTo(400);
    assertThat(f.store.all()).isEmpty();
  }

  private void refused(HttpResponse<String> r, ReceiptCheck check) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(502);
    JsonNode e = JSON.readTree(r.body()).path("error");
    assertThat(e.path("message").asText())
        .contains(check.name())
        .contains(ProxyFixture.CHAT.address().toHex());
  }

  /** Rewrites the receipt's response terms with {@code edit} and signs them with {@code key}. */
  static UnaryOperator<ObjectNode> resign(
      Secp256k1.KeyPair key, UnaryOperator<ServingResponseTerms> edit) {
    return o -> {
      ServingReceipt r = ReceiptJournal.fromJson(o.get("levity"));
      ServingResponseTerms t = edit.apply(r.response());
      byte[] sig =
          new KeyResponseSigner(key, new MarketResponseDigest(ProxyFixture.DOMAIN)).sign(t);
      o.set(
          "levity",
          ReceiptJournal.toJson(
              new ServingReceipt(
                  r.request(), r.userSignature(), t, Bytes.wrap(sig), r.verifiable())));
      return o;
    };
  }

  static ServingResponseTerms withResponse(ServingResponseTerms t, Bytes hash) {
    return new ServingResponseTerms(
        t.requestHash(),
        Bytes32.wrap32(hash.toArray()),
        t.modelRoot(),
        t.inputTokens(),
        t.outputTokens(),
        t.fee(),
        t.user(),
        t.nonce());
  }

  static ServingResponseTerms withTokens(
      ServingResponseTerms t, long in, long out, BigInteger fee) {
    return new ServingResponseTerms(
        t.requestHash(), t.responseHash(), t.modelRoot(), in, out, fee, t.user(), t.nonce());
  }

  static String chat(String prompt, boolean stream) {
    return "{\"model\":\"echo\",\"max_tokens\":16,\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + prompt
        + "\"}]}";
  }

  HttpResponse<String> get(String path) throws Exception {
    return f.http.send(
        HttpRequest.newBuilder(f.base.resolve("/v1" + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return f.http.send(
        HttpRequest.newBuilder(f.base.resolve("/v1" + path))
            .header("Authorization", "Bearer sk-not-forwarded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

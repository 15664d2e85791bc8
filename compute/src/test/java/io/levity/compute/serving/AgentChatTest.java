package io.levity.compute.serving;

import static io.levity.compute.serving.ServingFixture.ALICE;
import static io.levity.compute.serving.ServingFixture.MALLORY;
import static io.levity.compute.serving.ServingFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.agents.AgentReference;
import io.levity.compute.agents.AgentRefusal;
import io.levity.compute.agents.AgentSource;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat request naming an agent, through the provider's HTTP API with a stub agent source: the
 * agent's data reaches the backend as the first system message and never the user; the receipt
 * names the agent; a refused agent spends no nonce.
 */
class AgentChatTest {
  private static final String PROMPT = "You are a lighthouse keeper.";
  private static final AgentReference AGENT =
      new AgentReference(
          Address.fromHex("0x00000000000000000000000000000000000a6e47"),
          BigInteger.valueOf(7),
          List.of(Keccak.hash("v1".getBytes(StandardCharsets.UTF_8))));

  @TempDir Path dir;
  private ServingFixture f;
  private final List<Address> asked = new ArrayList<>();

  /** Lets Alice run {@link #AGENT}; refuses everyone else with 403. */
  private final AgentSource source =
      (call, user) -> {
        asked.add(user);
        if (!user.equals(ALICE.address())) throw new AgentRefusal(403, user + " is not authorized");
        if (!call.agent().equals(AGENT)) throw new AgentRefusal(409, "stale data hashes");
        return PROMPT;
      };

  /**
   * Answers with the system message's hash and the last message: it saw the prompt, says nothing of
   * it.
   */
  private static final class SystemEcho implements ChatBackend {
    @Override
    public String modelId() {
      return "stub-chat";
    }

    @Override
    public Bytes32 modelRoot() {
      return StubBackends.CHAT_ROOT;
    }

    @Override
    public boolean verifiable() {
      return true;
    }

    @Override
    public ChatCompletion complete(ChatRequest request, TokenSink sink) {
      ChatMessage first = request.messages().get(0);
      String system =
          first.role().equals("system")
              ? Keccak.hash(first.content().getBytes(StandardCharsets.UTF_8)).toHex()
              : "none";
      String last = request.messages().get(request.messages().size() - 1).content();
      String text = "system " + system + " user " + last;
      sink.token(text);
      return new ChatCompletion(text, 3, 1, InferenceApi.text(text), "stop");
    }
  }

  private void start(AgentSource agents, int maxPromptChars) throws Exception {
    f =
        new ServingFixture(
            dir,
            List.of(new SystemEcho()),
            List.of(),
            new InferenceApi.Limits(maxPromptChars, 16, 64, 2),
            new InferenceServer.Config("127.0.0.1", 0, 8192, 10_000, 30),
            agents);
  }

  @AfterEach
  void stop() throws Exception {
    if (f != null) f.close();
  }

  private static String body(AgentReference agent, boolean stream) throws IOException {
    ObjectNode o =
        (ObjectNode)
            ServingFixture.JSON.readTree(ServingFixture.chatBody("stub-chat", "hello", 1, stream));
    AgentCall.sign(agent, ALICE, ServingFixture.PROVIDER.address(), 1, 1, new SecureRandom())
        .addTo(o);
    return o.toString();
  }

  @Test
  void theAgentsDataIsTheSystemMessageAndTheReceiptNamesTheAgent() throws Exception {
    start(source, 1000);
    String body = body(AGENT, false);
    HttpResponse<String> r = f.post("/v1/chat/completions", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(PROMPT);
    JsonNode j = json(r);
    String text = j.path("choices").get(0).path("message").path("content").asText();
    Bytes32 promptHash = Keccak.hash(PROMPT.getBytes(StandardCharsets.UTF_8));
    assertThat(text).isEqualTo("system " + promptHash.toHex() + " user hello");
    assertThat(j.path("levity").path("agent")).isEqualTo(AGENT.toJson());
    assertThat(r.headers().firstValue("X-Levity-Agent-Nft")).contains(AGENT.nft().toHex());
    assertThat(r.headers().firstValue("X-Levity-Agent-Token-Id")).contains("7");
    assertThat(r.headers().firstValue("X-Levity-Agent-Data-Hashes"))
        .contains(AGENT.dataHashes().get(0).toHex());
    // the signed request hash is the hash of the body that names the agent
    assertThat(f.journal.receipts().get(0).request().requestHash())
        .isEqualTo(Keccak.hash(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(asked).containsExactly(ALICE.address());
    // no auditor holds the agent's data, so none can re-execute the answer
    assertThat(r.headers().firstValue("X-Levity-Verifiable")).contains("false");
    assertThat(f.journal.receipts().get(0).verifiable()).isFalse();
  }

  @Test
  void aStreamNamesTheAgentInItsLastChunk() throws Exception {
    start(source, 1000);
    HttpResponse<String> r = f.post("/v1/chat/completions", body(AGENT, true));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain(PROMPT).contains("\"agent\":" + AGENT.toJson());
  }

  @Test
  void aRefusedAgentSpendsNoNonceAndChargesNothing() throws Exception {
    start(source, 1000);
    AgentReference stale = new AgentReference(AGENT.nft(), AGENT.tokenId(), List.of(Bytes32.ZERO));
    HttpResponse<String> refused = f.post("/v1/chat/completions", body(stale, false));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).path("error").path("message").asText()).contains("stale");
    f.nextNonce--;
    HttpResponse<String> r = f.post("/v1/chat/completions", body(AGENT, false));
    assertThat(r.statusCode()).as("the same nonce again: " + r.body()).isEqualTo(200);
    assertThat(f.journal.receipts()).hasSize(1);
    assertThat(f.gate.pending(ALICE.address()))
        .isEqualTo(f.journal.receipts().get(0).response().fee());
  }

  @Test
  void theUserTheRequestClaimsIsWhoTheAgentIsCheckedFor() throws Exception {
    start(source, 1000);
    byte[] b = body(AGENT, false).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        f.send("POST", "/v1/chat/completions", b, f.signed(MALLORY, b, 1, 10_000));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(asked).containsExactly(MALLORY.address());
    HttpResponse<String> unsigned = f.send("POST", "/v1/chat/completions", b, Map.of());
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(json(unsigned).path("error").path("message").asText())
        .contains(SignedRequestGate.USER);
    // Alice's address claimed, Mallory's signature: the agent passes, the gate refuses
    Map<String, String> forged = new HashMap<>(f.signed(MALLORY, b, 1, 10_000));
    forged.put(SignedRequestGate.USER, ALICE.address().toHex());
    assertThat(f.send("POST", "/v1/chat/completions", b, forged).statusCode()).isEqualTo(401);
    assertThat(f.journal.receipts()).isEmpty();
  }

  @Test
  void aProviderWithoutAgentsAndMalformedOrOversizedAgentsAreRefused() throws Exception {
    start(AgentSource.NONE, 1000);
    HttpResponse<String> none = f.post("/v1/chat/completions", body(AGENT, false));
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(json(none).path("error").path("message").asText()).contains("--oracle");
    f.close();
    f = null;
    start(source, PROMPT.length() + 4);
    HttpResponse<String> big = f.post("/v1/chat/completions", body(AGENT, false));
    assertThat(big.statusCode()).isEqualTo(413);
    assertThat(json(big).path("error").path("message").asText()).contains("agent's data");
    ObjectNode bad = (ObjectNode) ServingFixture.JSON.readTree(body(AGENT, false));
    ((ObjectNode) bad.get(AgentCall.FIELD)).put("token_id", "seven");
    HttpResponse<String> malformed = f.post("/v1/chat/completions", bad.toString());
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(json(malformed).path("error").path("message").asText())
        .contains("levity_agent: token_id");
  }
}

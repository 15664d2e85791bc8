package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.agents.AgentReference;
import io.levity.compute.agents.AgentRefusal;
import io.levity.compute.agents.AgentSource;
import io.levity.compute.serving.ChatBackend.ChatMessage;
import io.levity.compute.serving.ChatBackend.ChatRequest;
import io.levity.compute.serving.OpenAiJson.ChatCall;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The agent half of a chat request (docs/compute.md, "Agents as a service"): reads {@code
 * levity_agent}, puts the agent's data first as the system message, and names the agent in the
 * receipt's JSON and headers. It runs before the gate admits the request, with the user the request
 * claims, so that a refused agent never spends the user's nonce; the gate then checks that claim
 * against the signature over the body, which names the agent.
 */
final class AgentServing {
  static final String NFT = "X-Levity-Agent-Nft";
  static final String TOKEN = "X-Levity-Agent-Token-Id";
  static final String DATA = "X-Levity-Agent-Data-Hashes";

  private AgentServing() {}

  static Optional<AgentCall> read(JsonNode body) {
    try {
      return AgentCall.read(body);
    } catch (IllegalArgumentException e) {
      throw OpenAiJson.bad(e.getMessage());
    }
  }

  /** The backend's request: the agent's data as a first system message, or the call's as is. */
  static ChatRequest withAgent(
      ChatCall call,
      Optional<AgentCall> agent,
      Function<String, String> header,
      AgentSource agents,
      InferenceApi.Limits limits) {
    if (agent.isEmpty()) return call.request();
    String claimed = header.apply(SignedRequestGate.USER);
    Address user;
    try {
      user = Address.fromHex(claimed == null ? "" : claimed.trim());
    } catch (IllegalArgumentException e) {
      throw new ServingException(
          401, "unsigned: an agent request needs the header " + SignedRequestGate.USER);
    }
    String system;
    try {
      system = agents.systemPrompt(agent.get(), user);
    } catch (AgentRefusal e) {
      throw new ServingException(e.status(), e.getMessage());
    }
    int chars = system.length() + call.promptChars();
    if (chars > limits.maxPromptChars())
      throw new ServingException(
          413,
          "the agent's data and the prompt are "
              + chars
              + " characters, above this provider's limit of "
              + limits.maxPromptChars());
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(new ChatMessage("system", system));
    messages.addAll(call.request().messages());
    ChatRequest r = call.request();
    return new ChatRequest(messages, r.maxTokens(), r.temperature(), r.topP(), r.seed());
  }

  /** The receipt's JSON with {@code "agent"} naming the agent it ran. */
  static ObjectNode named(ObjectNode levity, Optional<AgentCall> agent) {
    agent.ifPresent(a -> levity.set("agent", a.agent().toJson()));
    return levity;
  }

  /** The receipt's headers with the agent's NFT, token id and data hashes. */
  static Map<String, String> named(Map<String, String> headers, Optional<AgentCall> agent) {
    if (agent.isEmpty()) return headers;
    AgentReference a = agent.get().agent();
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(NFT, a.nft().toHex());
    h.put(TOKEN, a.tokenId().toString());
    h.put(DATA, a.dataHashes().stream().map(Bytes32::toHex).collect(Collectors.joining(",")));
    return h;
  }
}

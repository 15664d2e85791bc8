package io.levity.compute.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.oracle.OracleRequest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat request's agent: the {@link AgentReference} and the user's grant, an oracle {@code
 * EXECUTE} request the user signed naming the provider as executor. Its nonce, deadline and
 * signature travel in the body; the rest (user, token, provider, data hashes) is rebuilt from the
 * request, so a grant signed for another provider, user or version does not verify. In the body:
 *
 * <pre>
 * "levity_agent": {"nft": "0x..", "token_id": "7", "data_hashes": ["0x.."],
 *                  "grant": {"nonce": "0x..", "deadline": 1765000000, "signature": "0x.."}}
 * </pre>
 *
 * The body's hash is the request hash that the user's request signature and the provider's response
 * signature cover, so a receipt binds the token and the data hashes it ran on.
 */
public record AgentCall(AgentReference agent, Bytes32 nonce, long deadline, Bytes signature) {
  /** The body field that names the agent. */
  public static final String FIELD = "levity_agent";

  public AgentCall {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(signature, "signature");
  }

  /**
   * A call to {@code agent} by {@code user} through {@code provider}, the grant signed for the
   * oracle of chain {@code chainId}, valid until {@code deadline} (Unix seconds; the oracle takes
   * at most an hour ahead).
   */
  public static AgentCall sign(
      AgentReference agent,
      Secp256k1.KeyPair user,
      Address provider,
      long chainId,
      long deadline,
      SecureRandom random) {
    byte[] n = new byte[32];
    random.nextBytes(n);
    Bytes32 nonce = Bytes32.of32(n);
    OracleRequest r = grant(agent, user.address(), provider, nonce, deadline, Bytes.EMPTY);
    Bytes sig = r.signedBy(user, chainId, agent.nft()).signature();
    return new AgentCall(agent, nonce, deadline, sig);
  }

  /**
   * The oracle request this grant is: {@code user} asks the oracle to hand the agent to {@code
   * provider}.
   */
  public OracleRequest oracleRequest(Address user, Address provider) {
    return grant(agent, user, provider, nonce, deadline, signature);
  }

  private static OracleRequest grant(
      AgentReference agent,
      Address user,
      Address provider,
      Bytes32 nonce,
      long deadline,
      Bytes signature) {
    return new OracleRequest(
        OracleRequest.Action.EXECUTE,
        user,
        agent.tokenId(),
        provider,
        agent.dataHashes(),
        List.of(),
        Bytes.EMPTY,
        nonce,
        deadline,
        signature);
  }

  /** Adds this call to a chat request body (as {@link #FIELD}); returns the body. */
  public ObjectNode addTo(ObjectNode body) {
    ObjectNode a = agent.toJson();
    a.putObject("grant")
        .put("nonce", nonce.toHex())
        .put("deadline", deadline)
        .put("signature", signature.toHex());
    body.set(FIELD, a);
    return body;
  }

  /**
   * The call a chat request body names, if any; throws {@link IllegalArgumentException} for a
   * malformed one.
   */
  public static Optional<AgentCall> read(JsonNode body) {
    JsonNode a = body.path(FIELD);
    if (a.isMissingNode() || a.isNull()) return Optional.empty();
    try {
      AgentReference agent = AgentReference.fromJson(a);
      JsonNode g = a.path("grant");
      if (!g.isObject()) throw new IllegalArgumentException("grant must be an object");
      JsonNode deadline = g.path("deadline");
      if (!deadline.isIntegralNumber() || !deadline.canConvertToLong())
        throw new IllegalArgumentException("grant.deadline must be an integer");
      return Optional.of(
          new AgentCall(
              agent,
              Bytes32.fromHex32(AgentReference.text(g, "nonce")),
              deadline.asLong(),
              Bytes.fromHex(AgentReference.text(g, "signature"))));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(FIELD + ": " + e.getMessage(), e);
    }
  }
}

package io.levity.cli.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.cli.options.LayerFiles;
import io.levity.compute.agents.AgentCall;
import io.levity.compute.agents.AgentReference;
import io.levity.compute.agents.OracleAgents;
import io.levity.compute.inference.InferenceService;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.InftNetwork;
import io.levity.inft.oracle.RpcInftChainView;
import io.levity.sdk.rpc.EthRpc;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The agent of {@code levity compute ask --agent ID}: the token's current data hashes read from the
 * AgentNFT of the iNFT network file, and the user's {@code EXECUTE} grant naming the provider,
 * added to the chat body as {@link AgentCall#FIELD} before the body is hashed and signed.
 */
final class AgentAsk {
  /** How long the grant stays valid: the oracle takes at most an hour ahead. */
  static final Duration GRANT_LIFETIME = Duration.ofMinutes(10);

  /**
   * Input tokens the agent's text may add, on top of the body's own bound: the user does not know
   * the text's length, but a provider takes at most {@link OracleAgents#DEFAULT_MAX_CHARS}
   * characters of it by default, each at most 3 UTF-8 bytes and so at most 3 tokens, plus the
   * system message's framing. Without it a long agent's fee would be capped at the max fee signed
   * and the receipt would fail the client's price check.
   */
  static final long INPUT_TOKEN_BOUND = 3L * OracleAgents.DEFAULT_MAX_CHARS + 64;

  private final AgentReference agent;
  private final long chainId;

  private AgentAsk(AgentReference agent, long chainId) {
    this.agent = agent;
    this.chainId = chainId;
  }

  /** Parses --agent: a token id, a decimal number. */
  static BigInteger tokenId(String given) {
    try {
      BigInteger id = new BigInteger(given.trim());
      if (id.signum() >= 0) return id;
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new IllegalArgumentException(
        "--agent must be a token id (a decimal number), not '" + given + "'");
  }

  /**
   * Token {@code tokenId} on the AgentNFT of the iNFT network file ({@code --inft}, else found like
   * the other network files), with the data hashes it holds now; {@code chainId} is the compute
   * network's, which the iNFT network must share.
   */
  static AgentAsk resolve(BigInteger tokenId, Path inftFile, long chainId) throws IOException {
    Path f =
        LayerFiles.find(inftFile, "inft.json", "iNFT", "start 'levity devnet' or pass --inft FILE");
    InftNetwork network = InftNetwork.read(f);
    if (network.chainId() != chainId)
      throw new IllegalArgumentException(
          f + " is for chain " + network.chainId() + ", the compute network for chain " + chainId);
    RpcInftChainView nft =
        new RpcInftChainView(
            EthRpc.connect(network.rpc(), Duration.ofSeconds(30)),
            network.agentNft(),
            network.market(),
            chainId);
    if (nft.ownerOf(tokenId).isEmpty())
      throw new IllegalArgumentException(
          "no agent token " + tokenId + " on the AgentNFT " + network.agentNft().toHex());
    List<Bytes32> hashes = nft.dataHashes(tokenId);
    if (hashes.isEmpty())
      throw new IllegalArgumentException("agent token " + tokenId + " holds no data");
    return new AgentAsk(new AgentReference(network.agentNft(), tokenId, hashes), chainId);
  }

  AgentReference agent() {
    return agent;
  }

  /** The max fee to sign for {@code body}: its own bound plus the agent's text at most. */
  static BigInteger maxFee(BigInteger bodyBound, InferenceService service) {
    return bodyBound.add(service.fee(INPUT_TOKEN_BOUND, 0));
  }

  /** Adds {@code user}'s grant for {@code provider} to {@code body}. */
  void addTo(ObjectNode body, Secp256k1.KeyPair user, Address provider, long nowSeconds) {
    AgentCall.sign(
            agent,
            user,
            provider,
            chainId,
            nowSeconds + GRANT_LIFETIME.toSeconds(),
            new SecureRandom())
        .addTo(body);
  }

  /**
   * The stderr line naming the agent the verified receipt's {@code levity} object names; fails when
   * it names none or another (the receipt's request hash covers the body sent, which names it).
   */
  String named(JsonNode levity) {
    JsonNode a = levity == null ? null : levity.get("agent");
    AgentReference ran;
    try {
      ran = a == null ? null : AgentReference.fromJson(a);
    } catch (IllegalArgumentException e) {
      ran = null;
    }
    if (!agent.equals(ran))
      throw new IllegalStateException(
          "the provider's answer does not name agent token "
              + agent.tokenId()
              + " it was asked to run");
    return "agent: token "
        + agent.tokenId()
        + " of the AgentNFT "
        + agent.nft().toHex()
        + ", data "
        + agent.dataHashes().stream().map(Bytes32::toHex).collect(Collectors.joining(","));
  }
}

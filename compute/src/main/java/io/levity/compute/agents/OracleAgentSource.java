package io.levity.compute.agents;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.InftChainView;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleResponses;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The agents a provider runs, their data obtained from the re-encryption oracle. Every request is
 * checked on chain (the AgentNFT is the one served, the token exists, the user owns it or is
 * authorized to use it, its data hashes are those the request names); on a cache miss the user's
 * grant goes to the oracle's {@code EXECUTE}, which seals each item to this provider's published
 * encryption key. The items, read as UTF-8 text and joined by newlines, are the system prompt,
 * cached per (token, data hashes) up to {@code cacheEntries} agents. Thread-safe.
 */
public final class OracleAgentSource implements AgentSource {
  private final InftChainView chain;
  private final Function<OracleRequest, OracleResponses.Execution> oracle;
  private final Address provider;
  private final EncryptionKeyPair encryption;
  private final int maxChars;
  private final Map<AgentReference, String> cache;

  /**
   * @param chain the AgentNFT whose agents it runs
   * @param oracle the oracle's {@code EXECUTE} ({@code OracleClient::execute})
   * @param provider this provider's address: the executor users name in their grants
   * @param encryption its encryption key pair, whose public half it published on the AgentNFT
   * @param maxChars the longest system prompt it takes
   * @param cacheEntries how many agents' data it keeps in memory
   */
  public OracleAgentSource(
      InftChainView chain,
      Function<OracleRequest, OracleResponses.Execution> oracle,
      Address provider,
      EncryptionKeyPair encryption,
      int maxChars,
      int cacheEntries) {
    this.chain = chain;
    this.oracle = oracle;
    this.provider = provider;
    this.encryption = encryption;
    this.maxChars = maxChars;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<AgentReference, String> eldest) {
            return size() > cacheEntries;
          }
        };
  }

  @Override
  public String systemPrompt(AgentCall call, Address user) {
    AgentReference agent = call.agent();
    try {
      check(agent, user);
    } catch (OracleException e) {
      throw new AgentRefusal(502, "cannot read the AgentNFT: " + e.getMessage());
    }
    synchronized (cache) {
      String cached = cache.get(agent);
      if (cached != null) return cached;
    }
    String prompt = fetch(call, user);
    synchronized (cache) {
      cache.put(agent, prompt);
    }
    return prompt;
  }

  /** How many agents' data it holds. */
  public int cached() {
    synchronized (cache) {
      return cache.size();
    }
  }

  private void check(AgentReference agent, Address user) {
    if (!agent.nft().equals(chain.nft()))
      throw new AgentRefusal(
          400, "this provider runs agents of the AgentNFT " + chain.nft() + " only");
    Address owner =
        chain
            .ownerOf(agent.tokenId())
            .orElseThrow(() -> new AgentRefusal(404, "no agent token " + agent.tokenId()));
    if (!owner.equals(user) && !chain.isAuthorizedUser(agent.tokenId(), user))
      throw new AgentRefusal(
          403,
          user
              + " is neither the owner of agent token "
              + agent.tokenId()
              + " nor authorized to use it (authorizeUsage)");
    List<Bytes32> current = chain.dataHashes(agent.tokenId());
    if (!current.equals(agent.dataHashes()))
      throw new AgentRefusal(
          409,
          "agent token "
              + agent.tokenId()
              + " holds the data hashes "
              + current
              + " on chain, not "
              + agent.dataHashes()
              + ": ask again with the current ones");
  }

  private String fetch(AgentCall call, Address user) {
    OracleResponses.Execution e;
    try {
      e = oracle.apply(call.oracleRequest(user, provider));
    } catch (OracleException x) {
      throw new AgentRefusal(status(x), "the oracle refused the agent's data: " + x.getMessage());
    }
    if (!e.dataHashes().equals(call.agent().dataHashes()))
      throw new AgentRefusal(502, "the oracle answered for other data hashes " + e.dataHashes());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < e.sealedItems().size(); i++) {
      Bytes sealed = e.sealedItems().get(i);
      byte[] item;
      try {
        item = EciesBox.open(encryption, sealed.toArray());
      } catch (DecryptionException x) {
        throw new AgentRefusal(
            502,
            "item " + i + " from the oracle is not sealed to this provider: " + x.getMessage());
      }
      if (i > 0) text.append('\n');
      text.append(utf8(item, i));
      if (text.length() > maxChars)
        throw new AgentRefusal(
            413,
            "the agent's data is longer than this provider's limit of "
                + maxChars
                + " characters for a system prompt");
    }
    return text.toString();
  }

  private static String utf8(byte[] item, int index) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(item))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AgentRefusal(
          422, "item " + index + " of the agent is not UTF-8 text: this provider runs text agents");
    }
  }

  /** The oracle's refusal as the status the user sees. */
  static int status(OracleException e) {
    return switch (e.error()) {
      case BAD_SIGNATURE, EXPIRED, DEADLINE_TOO_FAR, NONCE_REUSED -> 401;
      case NOT_AUTHORIZED, NOT_OWNER, NOT_AN_EXECUTOR -> 403;
      case NO_SUCH_TOKEN -> 404;
      case DATA_CHANGED -> 409;
      case BAD_REQUEST -> 400;
      default -> 502;
    };
  }
}

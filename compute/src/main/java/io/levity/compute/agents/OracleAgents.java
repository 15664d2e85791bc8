package io.levity.compute.agents;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.InftAbi;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleResponses;
import io.levity.inft.oracle.RpcInftChainView;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.net.URI;
import java.time.Duration;

/** Wires a provider to run the agents of one AgentNFT through one oracle. */
public final class OracleAgents {
  /** The longest system prompt a provider takes by default, in characters. */
  public static final int DEFAULT_MAX_CHARS = 16_384;

  /** How many agents' data a provider keeps in memory by default. */
  public static final int DEFAULT_CACHE_ENTRIES = 64;

  private OracleAgents() {}

  /**
   * Runs the agents of the AgentNFT the oracle at {@code oracleUrl} serves (its {@code /v1/info},
   * whose chain must be {@code rpc}'s and whose signature must verify): the provider trusts the
   * oracle it is pointed at. Publishes {@code key}'s derived encryption key on that AgentNFT when
   * it is not there yet (one transaction, paid by {@code key}).
   */
  public static OracleAgentSource connect(
      EthRpc rpc, URI oracleUrl, Secp256k1.KeyPair key, Duration timeout) {
    long chainId = rpc.chainId();
    OracleClient oracle = new OracleClient(oracleUrl, timeout);
    OracleResponses.Info info;
    try {
      info = oracle.info();
    } catch (OracleException e) {
      throw new IllegalStateException("the oracle at " + oracleUrl + ": " + e.getMessage(), e);
    }
    if (!info.authentic() || info.chainId() != chainId)
      throw new IllegalStateException(
          "the oracle at "
              + oracleUrl
              + " serves chain "
              + info.chainId()
              + (info.authentic() ? "" : " with a key signature that does not verify")
              + "; the provider's chain is "
              + chainId);
    Address nft = info.nft();
    RpcInftChainView chain = new RpcInftChainView(rpc, nft, Address.ZERO, chainId);
    EncryptionKeyPair encryption = EncryptionKeyPair.derive(key);
    Bytes published = chain.encryptionKeyOf(key.address());
    if (!published.equals(encryption.publicKey()))
      new Wallet(rpc, key)
          .sendAndWait(
              TxRequest.call(nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(encryption.publicKey())),
              ReceiptWaiter.of(rpc, timeout, Duration.ofMillis(50)));
    return new OracleAgentSource(
        chain,
        oracle::execute,
        key.address(),
        encryption,
        DEFAULT_MAX_CHARS,
        DEFAULT_CACHE_ENTRIES);
  }
}

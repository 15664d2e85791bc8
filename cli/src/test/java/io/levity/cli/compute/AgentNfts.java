package io.levity.cli.compute;

import io.levity.cli.node.ChainWithStorage;
import io.levity.compute.agents.AgentReference;
import io.levity.compute.agents.MarketAgentExecutors;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftDeployer;
import io.levity.inft.InftNetwork;
import io.levity.inft.client.InftClient;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleService;
import io.levity.node.runtime.Devnet;
import io.levity.storage.client.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The iNFT side of the agent ITs: the iNFT contracts on {@code base}'s chain, a re-encryption
 * oracle that admits the providers of {@code market} as executors, and an owner's client per key
 * that mints agents whose data is a system prompt.
 */
final class AgentNfts implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  final OracleService oracle;
  final InftNetwork network;
  private final ChainWithStorage base;
  private final Path dir;

  private AgentNfts(ChainWithStorage base, Path dir, OracleService oracle, InftNetwork network) {
    this.base = base;
    this.dir = dir;
    this.oracle = oracle;
    this.network = network;
  }

  /** Deploys the contracts from {@code admin} and starts the oracle with key {@code oracleKey}. */
  static AgentNfts start(
      ChainWithStorage base,
      Path dir,
      Secp256k1.KeyPair admin,
      Secp256k1.KeyPair oracleKey,
      InferenceMarketClient market)
      throws Exception {
    InftDeployer.Deployment d = new InftDeployer(base.rpc, admin, TIMEOUT).deploy(oracleKey);
    OracleService oracle =
        OracleService.start(
            new OracleService.Config(
                oracleKey,
                base.chain.rpcUrl(),
                d.nft(),
                d.market(),
                dir.resolve("oracle"),
                0,
                new MarketAgentExecutors(market)),
            base.client(dir.resolve("oracle-work")),
            TimeSource.system());
    InftNetwork network =
        new InftNetwork(
            Devnet.CHAIN_ID,
            base.chain.rpcUrl(),
            d.nft(),
            d.verifier(),
            d.registry(),
            d.market(),
            oracle.url(),
            oracleKey.address(),
            base.storage.networkFile());
    return new AgentNfts(base, dir, oracle, network);
  }

  /** An iNFT client acting as {@code key}. */
  InftClient client(Secp256k1.KeyPair key) {
    return new InftClient(
        key,
        network,
        base.rpc,
        new OracleClient(oracle.url(), TIMEOUT),
        base.storageClient,
        dir.resolve("inft-" + key.address().toHex().substring(2, 10)),
        RANDOM,
        TimeSource.system(),
        TIMEOUT);
  }

  /** {@code owner} mints an agent whose one data item is {@code prompt}. */
  AgentReference mint(InftClient owner, String prompt) throws Exception {
    Path file = Files.createTempFile(dir, "agent", ".txt");
    Files.writeString(file, prompt, StandardCharsets.UTF_8);
    InftClient.Result r = owner.mint(file, "agent", 0, ProgressListener.NONE);
    return new AgentReference(network.agentNft(), r.tokenId(), List.of(r.dataHash()));
  }

  @Override
  public void close() {
    oracle.close();
  }
}

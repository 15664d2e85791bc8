package io.levity.compute.provider;

import io.levity.compute.agents.AgentSource;
import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.MarketState;
import io.levity.compute.inference.ServiceType;
import io.levity.compute.serving.ChatBackend;
import io.levity.compute.serving.EmbeddingBackend;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.InferenceServer;
import io.levity.compute.serving.KeyResponseSigner;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.compute.serving.ServingPricing;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.Scheduler;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An inference provider on the market: the OpenAI-compatible server whose gate checks the market's
 * EIP-712 request signatures against the users' sub-accounts on chain, whose answers carry the
 * market's response signature, and whose journal a {@link SettlementLoop} settles. Starting it
 * registers its one service, chat or embeddings (the contract holds one service per provider
 * address), or updates it when the endpoint, prices or model changed; the key is the provider's
 * account, the submitter of its batches and the signer of its answers.
 */
public final class ProviderNode implements AutoCloseable {
  /**
   * How it serves and settles.
   *
   * @param host the interface to listen on
   * @param port 0 for any free port
   * @param publicHost the host the registered endpoint names
   * @param stake what registration bonds (at least the market's minimum)
   * @param challengeWindow the market's window, after which a batch may be finalized
   */
  public record Config(
      String host,
      int port,
      String publicHost,
      ServingPricing pricing,
      BigInteger stake,
      Duration settleEvery,
      Duration challengeWindow,
      InferenceApi.Limits limits) {}

  private final InferenceServer server;
  private final ReceiptJournal journal;
  private final SettlementLoop settlement;
  private final SignedRequestGate gate;
  private final InferenceService service;

  private ProviderNode(
      InferenceServer server,
      ReceiptJournal journal,
      SettlementLoop settlement,
      SignedRequestGate gate,
      InferenceService service) {
    this.server = server;
    this.journal = journal;
    this.settlement = settlement;
    this.gate = gate;
    this.service = service;
  }

  /**
   * Starts serving {@code chat} on the market with the journal in {@code dir}, registers (or
   * updates) the service, and starts settling every {@code config.settleEvery()}.
   */
  public static ProviderNode start(
      InferenceMarketClient market,
      Secp256k1.KeyPair key,
      ChatBackend chat,
      Path dir,
      Config config,
      Scheduler scheduler)
      throws IOException, InterruptedException {
    return start(market, key, chat, dir, config, scheduler, AgentSource.NONE);
  }

  /** As above, also running the iNFT agents {@code agents} gives it (docs/compute.md). */
  public static ProviderNode start(
      InferenceMarketClient market,
      Secp256k1.KeyPair key,
      ChatBackend chat,
      Path dir,
      Config config,
      Scheduler scheduler,
      AgentSource agents)
      throws IOException, InterruptedException {
    Served s =
        new Served(
            ServiceType.CHAT,
            chat.modelId(),
            chat.modelRoot(),
            chat.verifiable(),
            List.of(chat),
            List.of());
    return start(market, key, s, dir, config, scheduler, agents);
  }

  /**
   * As {@link #start(InferenceMarketClient, Secp256k1.KeyPair, ChatBackend, Path, Config,
   * Scheduler)}, serving an embedding model as an EMBEDDINGS service.
   */
  public static ProviderNode start(
      InferenceMarketClient market,
      Secp256k1.KeyPair key,
      EmbeddingBackend embeddings,
      Path dir,
      Config config,
      Scheduler scheduler)
      throws IOException, InterruptedException {
    Served s =
        new Served(
            ServiceType.EMBEDDINGS,
            embeddings.modelId(),
            embeddings.modelRoot(),
            true,
            List.of(),
            List.of(embeddings));
    return start(market, key, s, dir, config, scheduler, AgentSource.NONE);
  }

  /** The one service a node registers, and the backend serving it. */
  private record Served(
      ServiceType type,
      String modelId,
      Bytes32 modelRoot,
      boolean verifiable,
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders) {}

  private static ProviderNode start(
      InferenceMarketClient market,
      Secp256k1.KeyPair key,
      Served served,
      Path dir,
      Config config,
      Scheduler scheduler,
      AgentSource agents)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Wallet wallet = new Wallet(market.rpc(), key);
    Address me = key.address();
    ReceiptJournal journal = new ReceiptJournal(dir.resolve("receipts"));
    ConsecutiveNonceGuard nonces =
        new ConsecutiveNonceGuard(journal.receipts(), u -> market.subAccount(u, me).settledNonce());
    SignedRequestGate gate =
        new SignedRequestGate(
            me,
            new MarketRequestDigest(market.domain()),
            nonces,
            new MarketBalances(market, me),
            scheduler.time());
    BundleStore bundles = new BundleStore(dir.resolve("batches"));
    SettlementLoop settlement =
        new SettlementLoop(
            market, wallet, journal, gate, scheduler, config.challengeWindow(), bundles);
    // fees served before a restart and not yet submitted still count against the users
    gate.restorePending(settlement.unsettledReceipts());
    InferenceApi api =
        new InferenceApi(
            served.chats(),
            served.embedders(),
            gate,
            new KeyResponseSigner(key, new MarketResponseDigest(market.domain())),
            config.pricing(),
            journal,
            scheduler.time(),
            config.limits(),
            agents);
    api.serveBundles(id -> bundles.byId(id).map(BatchBundle::toJson));
    InferenceServer server =
        new InferenceServer(
            api, new InferenceServer.Config(config.host(), config.port(), 1 << 20, 10_000, 120));
    try {
      int port = server.start();
      InferenceService service =
          new InferenceService(
              served.type(),
              served.modelId(),
              served.modelRoot(),
              config.pricing().weiPerInputToken(),
              config.pricing().weiPerOutputToken(),
              "http://" + config.publicHost() + ":" + port + "/v1",
              me,
              served.verifiable());
      Optional<MarketState.Provider> registered = market.provider(me);
      if (registered.isEmpty()) market.register(wallet, service, config.stake());
      else if (!registered.get().service().equals(service)) market.update(wallet, service);
      settlement.start(config.settleEvery());
      return new ProviderNode(server, journal, settlement, gate, service);
    } catch (RuntimeException e) {
      server.close();
      journal.close();
      throw e;
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** The service as registered. */
  public InferenceService service() {
    return service;
  }

  public SettlementLoop settlement() {
    return settlement;
  }

  public SignedRequestGate gate() {
    return gate;
  }

  public ReceiptJournal journal() {
    return journal;
  }

  @Override
  public void close() throws IOException {
    settlement.close();
    server.close();
    journal.close();
  }
}

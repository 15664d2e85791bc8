package io.levity.cli.da;

import io.levity.cli.process.LoopbackPorts;
import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.time.ThreadScheduler;
import io.levity.da.chain.DaNodeRecord;
import io.levity.da.chain.RpcDaChain;
import io.levity.da.node.CellStore;
import io.levity.da.node.DaNodeLimits;
import io.levity.da.node.DaNodeServer;
import io.levity.da.node.DaNodeService;
import io.levity.da.node.FaultyCellStore;
import io.levity.da.node.NodeFaults;
import io.levity.da.node.RocksDbCellStore;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.Wallet;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one DA node in this process: registers its operator on the DataAvailability contract (stake
 * and BLS key with a proof of possession) unless it already is, opens its RocksDB cell store, and
 * serves it on 127.0.0.1. What {@code levity da node}, the devnet and the ITs share.
 */
public final class DaNodeLauncher implements AutoCloseable {
  /**
   * One node's settings.
   *
   * @param operator the account that registers it and holds its stake
   * @param bls its BLS key
   * @param stake the stake to register with (ignored when already registered)
   * @param port the port; 0: the registered endpoint's on a restart, else a free one
   * @param dataDir where its cells live ({@code DIR/cells})
   * @param limits its limits (largest blob, retention)
   * @param faults test-only misbehaviour ({@link NodeFaults#none()} in production)
   */
  public record Config(
      Secp256k1.KeyPair operator,
      BlsKeyPair bls,
      BigInteger stake,
      int port,
      Path dataDir,
      DaNodeLimits limits,
      NodeFaults faults) {}

  private final int index;
  private final String endpoint;
  private final ThreadScheduler scheduler;
  private final CellStore store;
  private final DaNodeService service;
  private final DaNodeServer server;
  private boolean closed;

  private DaNodeLauncher(
      int index,
      String endpoint,
      ThreadScheduler scheduler,
      CellStore store,
      DaNodeService service,
      DaNodeServer server) {
    this.index = index;
    this.endpoint = endpoint;
    this.scheduler = scheduler;
    this.store = store;
    this.service = service;
    this.server = server;
  }

  /** Registers (if needed) and starts the node of {@code c} on {@code contract}. */
  public static DaNodeLauncher start(EthRpc eth, Address contract, Config c, Consumer<String> log)
      throws IOException, InterruptedException {
    RpcDaChain chain =
        new RpcDaChain(
            eth, contract, Optional.of(new Wallet(eth, c.operator())), Duration.ofMinutes(2));
    Optional<DaNodeRecord> existing =
        chain.nodes().stream().filter(n -> n.operator().equals(c.operator().address())).findFirst();
    int port = c.port();
    int index;
    if (existing.isPresent()) {
      DaNodeRecord r = existing.get();
      if (!r.key().equals(c.bls().publicKey()))
        throw new IllegalStateException(
            "operator "
                + c.operator().address().toChecksumHex()
                + " registered another BLS key as DA node "
                + r.index());
      if (port == 0) port = URI.create(r.endpoint()).getPort();
      else if (port != URI.create(r.endpoint()).getPort())
        log.accept(
            "DA node "
                + r.index()
                + " is registered at "
                + r.endpoint()
                + " but listens on port "
                + port
                + ": clients will not reach it");
      index = r.index();
    } else {
      if (port == 0) port = LoopbackPorts.free();
      index = chain.register(c.bls(), "http://127.0.0.1:" + port, c.stake());
      log.accept(
          "registered DA node "
              + index
              + " (operator "
              + c.operator().address().toChecksumHex()
              + ", stake "
              + c.stake()
              + " wei); it joins the quorum at epoch "
              + (chain.currentEpoch() + 1));
    }
    ThreadScheduler scheduler = new ThreadScheduler("da-node-" + index);
    CellStore store = null;
    DaNodeService service = null;
    try {
      store = RocksDbCellStore.open(c.dataDir().resolve("cells"));
      if (!c.faults().equals(NodeFaults.none())) store = new FaultyCellStore(store, c.faults());
      service = new DaNodeService(c.bls(), index, chain, store, c.limits(), scheduler);
      DaNodeServer server = new DaNodeServer(service, DaNodeServer.Config.loopback(port));
      server.start();
      return new DaNodeLauncher(
          index, "http://127.0.0.1:" + port, scheduler, store, service, server);
    } catch (IOException | InterruptedException | RuntimeException e) {
      if (service != null) service.close();
      if (store != null) store.close();
      scheduler.close();
      throw e;
    }
  }

  /** Its registration index. */
  public int index() {
    return index;
  }

  /** Its endpoint. */
  public String endpoint() {
    return endpoint;
  }

  /** Stops serving and closes the store; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    server.close();
    service.close();
    store.close();
    scheduler.close();
  }
}

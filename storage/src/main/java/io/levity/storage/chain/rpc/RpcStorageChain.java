package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import io.levity.sdk.Contract;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.chain.NodeRegistration;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.ReplicaRecord;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link StorageChain} over a Levity (or any Ethereum) node's JSON-RPC and the StorageRegistry
 * contract (storage/contracts/StorageRegistry.sol), through the SDK (io.levity.sdk). Reads are
 * {@code eth_call}s, pinned to one block when they span several calls; writes are EIP-1559
 * transactions from the configured key (an SDK {@link Wallet}), each waited for until mined (a
 * revert or a status-0 receipt is an error, see below). Proof results are contract events read back
 * with {@code eth_getLogs}. Epochs come from block numbers: epoch {@code e} spans blocks {@code [e
 * * epochBlocks, (e + 1) * epochBlocks)} and its randomness is the hash of its first block.
 *
 * <p>Errors: a different record for a recorded root, or a node id registered by another account, is
 * an {@link IllegalStateException} (as the port specifies); the endpoint failing, a transaction not
 * mined within the receipt timeout or failing on chain is a {@link RegistryException}. Thread-safe:
 * writes are serialised.
 */
public final class RpcStorageChain implements StorageChain {
  /** Where the devnet's genesis places the registry's runtime code. */
  public static final Address DEVNET_REGISTRY =
      Address.fromHex("0x000000000000000000000000000000000000a11c");

  /**
   * Where the registry is and how to talk to it.
   *
   * @param rpcUrl the node's HTTP JSON-RPC endpoint
   * @param registry the StorageRegistry's address
   * @param key the account writes are sent from; empty for a read-only adapter
   * @param epochBlocks blocks per proof-of-storage epoch
   * @param proofReporter when present, {@link #proofResults} only returns results this account
   *     recorded; empty means the registry's current auditor (the only account the contract lets
   *     record, so results of a former auditor are not read either)
   * @param requests how the adapter times and sizes its requests to the node
   */
  public record Config(
      URI rpcUrl,
      Address registry,
      Optional<Secp256k1.KeyPair> key,
      long epochBlocks,
      Optional<Address> proofReporter,
      Requests requests) {
    public static final long DEFAULT_EPOCH_BLOCKS = 10;

    public Config {
      Require.nonNull(
          "rpcUrl",
          rpcUrl,
          "registry",
          registry,
          "key",
          key,
          "proofReporter",
          proofReporter,
          "requests",
          requests);
      if (epochBlocks < 1)
        throw new IllegalArgumentException("an epoch needs at least one block, got " + epochBlocks);
    }

    /**
     * The registry at {@code registry} through the node at {@code rpcUrl}, writing from {@code key}
     * when present: 10-block epochs, any reporter, {@link Requests#DEFAULT}.
     */
    public static Config of(URI rpcUrl, Address registry, Optional<Secp256k1.KeyPair> key) {
      return new Config(
          rpcUrl, registry, key, DEFAULT_EPOCH_BLOCKS, Optional.empty(), Requests.DEFAULT);
    }

    /** The devnet registry at {@code rpcUrl}, writing from {@code key} (as {@link #of}). */
    public static Config devnet(URI rpcUrl, Secp256k1.KeyPair key) {
      return of(rpcUrl, DEVNET_REGISTRY, Optional.of(key));
    }

    public Config withRegistry(Address a) {
      return new Config(rpcUrl, a, key, epochBlocks, proofReporter, requests);
    }

    public Config withEpochBlocks(long n) {
      return new Config(rpcUrl, registry, key, n, proofReporter, requests);
    }

    public Config withProofReporter(Optional<Address> a) {
      return new Config(rpcUrl, registry, key, epochBlocks, a, requests);
    }

    public Config withKey(Optional<Secp256k1.KeyPair> k) {
      return new Config(rpcUrl, registry, k, epochBlocks, proofReporter, requests);
    }

    public Config withLogBlockRange(long n) {
      Requests r = requests;
      return new Config(
          rpcUrl,
          registry,
          key,
          epochBlocks,
          proofReporter,
          new Requests(r.timeout(), r.receiptTimeout(), r.pollInterval(), n));
    }
  }

  /**
   * How the adapter times and sizes its requests to the node.
   *
   * @param timeout bound of one JSON-RPC request
   * @param receiptTimeout how long a write waits for its transaction to be mined
   * @param pollInterval how often it asks for the receipt
   * @param logBlockRange the widest block range of one {@code eth_getLogs} (the node's limit)
   */
  public record Requests(
      Duration timeout, Duration receiptTimeout, Duration pollInterval, long logBlockRange) {
    /** 10 s per request, 60 s for a receipt asked every 50 ms, 10,000 blocks of logs at once. */
    public static final Requests DEFAULT =
        new Requests(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMillis(50), 10_000);

    public Requests {
      Require.nonNull(
          "timeout", timeout, "receiptTimeout", receiptTimeout, "pollInterval", pollInterval);
      if (logBlockRange < 1) throw new IllegalArgumentException("log block range must be positive");
      if (pollInterval.isNegative() || pollInterval.isZero())
        throw new IllegalArgumentException("poll interval must be positive");
    }
  }

  private final Config config;
  private final RegistryReads reads;

  private final SubmissionBlocks submissionBlocks;
  private final Optional<Wallet> wallet;
  private final ReceiptWaiter receipts;
  private final NodeRegistrar registrar;

  public RpcStorageChain(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    Requests requests = config.requests();
    EthRpc rpc = EthRpc.connect(config.rpcUrl(), requests.timeout());
    this.reads = new RegistryReads(rpc, new Contract(rpc, config.registry()));
    this.submissionBlocks = new SubmissionBlocks(reads, config.requests().logBlockRange());
    this.wallet = config.key().map(k -> new Wallet(rpc, k));
    this.receipts = ReceiptWaiter.of(rpc, requests.receiptTimeout(), requests.pollInterval());
    this.registrar = new NodeRegistrar(rpc, config.registry(), reads, requests);
  }

  public Config config() {
    return config;
  }

  /** The account writes come from, if this adapter can write. */
  public Optional<Address> account() {
    return wallet.map(Wallet::address);
  }

  // ---- StorageChain ----

  @Override
  public Submission submit(Submission s) {
    Optional<Submission> existing = submission(s.fileRoot());
    if (existing.isPresent()) return sameOrRefuse(existing.get(), s);
    try {
      send(RegistryAbi.submit(s), "submit " + s.fileRoot());
    } catch (RegistryException e) {
      if (!e.isRevert()) throw e;
      // Someone recorded the root between the read and the estimate.
      Optional<Submission> now = submission(s.fileRoot());
      if (now.isPresent()) return sameOrRefuse(now.get(), s);
      throw new RegistryException("the registry refused " + s + ": " + e.getMessage(), e);
    }
    return submission(s.fileRoot())
        .orElseThrow(
            () ->
                new RegistryException("submission of " + s.fileRoot() + " mined but not readable"));
  }

  private static Submission sameOrRefuse(Submission stored, Submission asked) {
    boolean same =
        stored.length() == asked.length()
            && stored.dataShards() == asked.dataShards()
            && stored.parityShards() == asked.parityShards()
            && stored.shardCommitment().equals(asked.shardCommitment());
    if (!same) {
      throw new IllegalStateException(
          "file root "
              + asked.fileRoot()
              + " is already recorded with a different record: "
              + stored);
    }
    return stored;
  }

  @Override
  public Optional<Submission> submission(Bytes32 fileRoot) {
    return reads.submission(fileRoot);
  }

  @Override
  public List<Submission> submissions() {
    return reads.submissions();
  }

  /**
   * Registers the node (or changes its endpoint), retrying as {@link NodeRegistrar} describes. A
   * signature that is not the node key's over {@link #registrationDigest} is refused here, before
   * any gas is spent (the registry would revert it: "bad node signature").
   */
  @Override
  public void registerNode(StorageNodeRecord node, Bytes signature) {
    RegistryAbi.validateEndpoint(node.endpoint());
    if (node.nodeId().isZero()) throw new IllegalArgumentException("zero node id");
    Wallet w = writer();
    NodeRegistration.check(registrationDigest(node), node, signature);
    registrar.register(w, node, signature);
  }

  /**
   * The registry's {@code registrationDigest(nodeId, endpoint, account)} for this adapter's account
   * (a {@link NodeRegistration} digest with the node's chain id and the registry's address),
   * computed here: the chain id is asked once.
   */
  @Override
  public Bytes32 registrationDigest(StorageNodeRecord node) {
    Wallet w = writer();
    return NodeRegistration.digest(w.chainId(), config.registry(), w.address(), node);
  }

  /**
   * Takes a node this account registered out of the node set; its deposit can be withdrawn {@link
   * RegistryAbi#EXIT_DELAY} blocks later with {@link #withdrawDeposit}.
   */
  public void deregisterNode(Bytes32 nodeId) {
    send(RegistryAbi.DEREGISTER_NODE.encodeCall(nodeId), "deregister node " + nodeId);
  }

  /** Returns a deregistered node's deposit to this account once its exit delay has passed. */
  public void withdrawDeposit(Bytes32 nodeId) {
    send(RegistryAbi.WITHDRAW_DEPOSIT.encodeCall(nodeId), "withdraw the deposit of " + nodeId);
  }

  /** The epoch of the block that recorded {@code fileRoot} (see {@link SubmissionBlocks}). */
  @Override
  public OptionalLong submissionEpoch(Bytes32 fileRoot) {
    OptionalLong block = submissionBlocks.blockOf(fileRoot);
    return block.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(block.getAsLong() / config.epochBlocks());
  }

  @Override
  public List<StorageNodeRecord> nodes() {
    return reads.nodes();
  }

  @Override
  public long currentEpoch() {
    return head() / config.epochBlocks();
  }

  @Override
  public Optional<Bytes32> epochRandomness(long epoch) {
    if (epoch < 0) return Optional.empty();
    long first;
    try {
      first = Math.multiplyExact(epoch, config.epochBlocks());
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
    return reads.blockHash(first);
  }

  @Override
  public void recordProofResult(ProofRecord r) {
    if (r.epoch() < 0 || r.shardIndex() < 0 || r.shardIndex() > 254)
      throw new IllegalArgumentException("bad record " + r);
    long now = currentEpoch();
    if (r.epoch() > now)
      throw new IllegalArgumentException(
          "epoch " + r.epoch() + " has not started (now " + now + ")");
    ProofRecord bounded =
        new ProofRecord(
            r.epoch(),
            r.nodeId(),
            r.fileRoot(),
            r.shardIndex(),
            r.passed(),
            RegistryAbi.truncateUtf8(
                r.reason() == null ? "" : r.reason(), RegistryAbi.MAX_REASON_BYTES));
    send(
        RegistryAbi.recordProof(bounded),
        "record proof " + r.epoch() + "/" + r.nodeId() + "/" + r.fileRoot() + "/" + r.shardIndex());
  }

  /**
   * The results recorded for {@code epoch}: ProofResult events from its first block to the head, in
   * chain order (results logged before the epoch started cannot be genuine and are not read).
   * Filtered by reporter when the config names one.
   */
  @Override
  public List<ProofRecord> proofResults(long epoch) {
    if (epoch < 0) return List.of();
    long head = head();
    long from;
    try {
      from = Math.multiplyExact(epoch, config.epochBlocks());
    } catch (ArithmeticException e) {
      return List.of();
    }
    Address reporter = config.proofReporter().orElseGet(reads::auditor);
    return reads.proofResults(
        epoch, from, head, config.requests().logBlockRange(), Optional.of(reporter));
  }

  /**
   * Sends {@code commitReplica} from this adapter's account (the registry accepts it only from the
   * node's owner). The same root already committed sends nothing; another root is an {@link
   * IllegalStateException}; an unknown file, shard or node comes back as the registry's revert (a
   * {@link RegistryException}).
   */
  @Override
  public void commitReplica(ReplicaRecord r) {
    Objects.requireNonNull(r, "replica");
    Optional<Bytes32> existing = reads.replicaRoot(r.nodeId(), r.fileRoot(), r.shardIndex());
    if (existing.isPresent()) {
      if (existing.get().equals(r.replicaRoot())) return;
      throw new IllegalStateException(
          "node "
              + r.nodeId()
              + " already committed replica "
              + existing.get()
              + " of shard "
              + r.shardIndex()
              + " of "
              + r.fileRoot());
    }
    send(
        RegistryAbi.COMMIT_REPLICA.encodeCall(
            r.nodeId(), r.fileRoot(), r.shardIndex(), r.replicaRoot()),
        "commit replica " + r.nodeId() + "/" + r.fileRoot() + "/" + r.shardIndex());
  }

  @Override
  public Optional<Bytes32> replicaRoot(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    return reads.replicaRoot(nodeId, fileRoot, shardIndex);
  }

  /** The account the registry lets record proof results (the epoch challenger's). */
  public Address auditor() {
    return reads.auditor();
  }

  /** Hands the auditor role to {@code auditor}; the registry accepts it only from its owner. */
  public void setAuditor(Address auditor) {
    Objects.requireNonNull(auditor, "auditor");
    send(RegistryAbi.setAuditor(auditor), "set auditor " + auditor);
  }

  // ---- plumbing ----

  /** The head's number. */
  public long head() {
    return reads.head();
  }

  /** Sends {@code data} to the registry (gas estimated: a revert sends nothing) and waits. */
  private void send(Bytes data, String what) {
    send(data, UInt256.ZERO, what);
  }

  private void send(Bytes data, UInt256 value, String what) {
    Wallet w = writer();
    TxRequest tx = TxRequest.call(config.registry(), data).withValue(value);
    RegistryException.wrap(what, () -> w.sendAndWait(tx, receipts));
  }

  private Wallet writer() {
    return wallet.orElseThrow(
        () -> new IllegalStateException("this RpcStorageChain has no signing key: read-only"));
  }
}

package io.levity.storage.chain.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Genesis;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link StorageChain} over a Levity (or any Ethereum) node's JSON-RPC and the StorageRegistry
 * contract (storage/contracts/StorageRegistry.sol). Reads are {@code eth_call}s, pinned to one
 * block when they span several calls; writes are EIP-1559 transactions from the configured key,
 * each waited for until mined (a revert or a status-0 receipt is an error, see below). Proof
 * results are contract events read back with {@code eth_getLogs}. Epochs come from block numbers:
 * epoch {@code e} spans blocks {@code [e * epochBlocks, (e + 1) * epochBlocks)} and its randomness
 * is the hash of its first block.
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
   * @param rpcUrl the node's HTTP JSON-RPC endpoint
   * @param registry the StorageRegistry's address
   * @param key the account writes are sent from; empty for a read-only adapter
   * @param epochBlocks blocks per proof-of-storage epoch
   * @param proofReporter when present, {@link #proofResults} only returns results this account
   *     recorded (anyone may call {@code recordProof}); empty accepts every reporter
   * @param requestTimeout bound of one JSON-RPC request
   * @param receiptTimeout how long a write waits for its transaction to be mined
   * @param pollInterval how often it asks for the receipt
   * @param logBlockRange the widest block range of one {@code eth_getLogs} (the node's limit)
   */
  public record Config(
      URI rpcUrl,
      Address registry,
      Optional<Secp256k1.KeyPair> key,
      long epochBlocks,
      Optional<Address> proofReporter,
      Duration requestTimeout,
      Duration receiptTimeout,
      Duration pollInterval,
      long logBlockRange) {
    public static final long DEFAULT_EPOCH_BLOCKS = 10;

    public Config {
      Objects.requireNonNull(rpcUrl, "rpcUrl");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(proofReporter, "proofReporter");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(receiptTimeout, "receiptTimeout");
      Objects.requireNonNull(pollInterval, "pollInterval");
      if (epochBlocks < 1)
        throw new IllegalArgumentException("an epoch needs at least one block, got " + epochBlocks);
      if (logBlockRange < 1) throw new IllegalArgumentException("log block range must be positive");
      if (pollInterval.isNegative() || pollInterval.isZero())
        throw new IllegalArgumentException("poll interval must be positive");
    }

    /**
     * The devnet registry at {@code rpcUrl}, writing from {@code key}: 10-block epochs, any
     * reporter.
     */
    public static Config devnet(URI rpcUrl, Secp256k1.KeyPair key) {
      return new Config(
          rpcUrl,
          DEVNET_REGISTRY,
          Optional.of(key),
          DEFAULT_EPOCH_BLOCKS,
          Optional.empty(),
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofMillis(50),
          10_000);
    }

    public Config withRegistry(Address a) {
      return new Config(
          rpcUrl,
          a,
          key,
          epochBlocks,
          proofReporter,
          requestTimeout,
          receiptTimeout,
          pollInterval,
          logBlockRange);
    }

    public Config withEpochBlocks(long n) {
      return new Config(
          rpcUrl,
          registry,
          key,
          n,
          proofReporter,
          requestTimeout,
          receiptTimeout,
          pollInterval,
          logBlockRange);
    }

    public Config withProofReporter(Optional<Address> a) {
      return new Config(
          rpcUrl,
          registry,
          key,
          epochBlocks,
          a,
          requestTimeout,
          receiptTimeout,
          pollInterval,
          logBlockRange);
    }

    public Config withKey(Optional<Secp256k1.KeyPair> k) {
      return new Config(
          rpcUrl,
          registry,
          k,
          epochBlocks,
          proofReporter,
          requestTimeout,
          receiptTimeout,
          pollInterval,
          logBlockRange);
    }

    public Config withReceiptTimeout(Duration d) {
      return new Config(
          rpcUrl,
          registry,
          key,
          epochBlocks,
          proofReporter,
          requestTimeout,
          d,
          pollInterval,
          logBlockRange);
    }

    public Config withLogBlockRange(long n) {
      return new Config(
          rpcUrl,
          registry,
          key,
          epochBlocks,
          proofReporter,
          requestTimeout,
          receiptTimeout,
          pollInterval,
          n);
    }
  }

  private final Config config;
  private final JsonRpcClient rpc;
  private final Optional<TransactionSender> sender;

  public RpcStorageChain(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.rpc = new JsonRpcClient(config.rpcUrl(), config.requestTimeout());
    this.sender =
        config
            .key()
            .map(
                k -> new TransactionSender(rpc, k, config.receiptTimeout(), config.pollInterval()));
  }

  public Config config() {
    return config;
  }

  /** The account writes come from, if this adapter can write. */
  public Optional<Address> account() {
    return sender.map(TransactionSender::address);
  }

  // ---- the contract's code ----

  /** The registry's runtime code: what a genesis allocation places at {@link #DEVNET_REGISTRY}. */
  public static Bytes runtimeCode() {
    return hexResource("StorageRegistry.runtime.hex");
  }

  /**
   * The registry's creation code (deploying it with a transaction runs no constructor logic; see
   * the source).
   */
  public static Bytes creationCode() {
    return hexResource("StorageRegistry.creation.hex");
  }

  /** {@code genesis} with the registry's runtime code added at {@link #DEVNET_REGISTRY}. */
  public static Genesis withRegistry(Genesis genesis) {
    Map<Address, Genesis.Account> alloc = new HashMap<>(genesis.alloc());
    if (alloc.containsKey(DEVNET_REGISTRY))
      throw new IllegalArgumentException("the genesis already allocates " + DEVNET_REGISTRY);
    alloc.put(DEVNET_REGISTRY, new Genesis.Account(UInt256.ZERO, runtimeCode(), 1, Map.of()));
    return new Genesis(
        genesis.chainId(),
        genesis.gasLimit(),
        genesis.timestamp(),
        genesis.baseFee(),
        genesis.extraData(),
        alloc);
  }

  /**
   * Deploys a fresh registry with a transaction from {@code key} and returns its address (for
   * non-devnet chains).
   */
  public static Address deploy(URI rpcUrl, Secp256k1.KeyPair key, Duration receiptTimeout) {
    JsonRpcClient client = new JsonRpcClient(rpcUrl, Duration.ofSeconds(10));
    TransactionSender s =
        new TransactionSender(client, key, receiptTimeout, Duration.ofMillis(100));
    return s.send(Optional.empty(), creationCode(), "deploy StorageRegistry")
        .contractAddress()
        .orElseThrow(
            () -> new RegistryException("the deployment receipt names no contract address"));
  }

  private static Bytes hexResource(String name) {
    try (InputStream in = RpcStorageChain.class.getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "resource " + name + " missing; run storage/contracts/compile.js");
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- StorageChain ----

  @Override
  public Submission submit(Submission s) {
    Optional<Submission> existing = submission(s.fileRoot());
    if (existing.isPresent()) return sameOrRefuse(existing.get(), s);
    try {
      writer()
          .send(Optional.of(config.registry()), RegistryAbi.submit(s), "submit " + s.fileRoot());
    } catch (JsonRpcException e) {
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
    return RegistryAbi.decodeFile(call(RegistryAbi.file(fileRoot), "latest"));
  }

  @Override
  public List<Submission> submissions() {
    String block = pinnedBlock();
    long count = RegistryAbi.decodeCount(call(RegistryAbi.fileCount(), block));
    List<Submission> out = new ArrayList<>();
    while (out.size() < count) {
      List<Submission> page =
          RegistryAbi.decodeFilesPage(call(RegistryAbi.filesPage(out.size()), block));
      if (page.isEmpty())
        throw new RegistryException("file page at " + out.size() + " of " + count + " is empty");
      out.addAll(page);
    }
    return List.copyOf(out);
  }

  @Override
  public void registerNode(StorageNodeRecord node) {
    validateEndpoint(node.endpoint());
    if (node.nodeId().isZero()) throw new IllegalArgumentException("zero node id");
    TransactionSender w = writer();
    Address owner = RegistryAbi.decodeAddress(call(RegistryAbi.ownerOf(node.nodeId()), "latest"));
    if (!owner.equals(Address.ZERO) && !owner.equals(w.address())) {
      throw new IllegalStateException(
          "node "
              + node.nodeId()
              + " is registered by account "
              + owner
              + "; only that account can change its endpoint");
    }
    if (!owner.equals(Address.ZERO) && nodes().contains(node)) return;
    w.send(
        Optional.of(config.registry()),
        RegistryAbi.registerNode(node),
        "register node " + node.nodeId());
  }

  private static void validateEndpoint(String endpoint) {
    byte[] b = endpoint.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > RegistryAbi.MAX_ENDPOINT_BYTES) {
      throw new IllegalArgumentException(
          "endpoint must be 1.." + RegistryAbi.MAX_ENDPOINT_BYTES + " bytes, got " + b.length);
    }
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0 || colon == endpoint.length() - 1) {
      throw new IllegalArgumentException("endpoint must be host:port, got " + endpoint);
    }
  }

  @Override
  public List<StorageNodeRecord> nodes() {
    String block = pinnedBlock();
    long count = RegistryAbi.decodeCount(call(RegistryAbi.nodeCount(), block));
    List<StorageNodeRecord> out = new ArrayList<>();
    while (out.size() < count) {
      List<StorageNodeRecord> page =
          RegistryAbi.decodeNodesPage(call(RegistryAbi.nodesPage(out.size()), block));
      if (page.isEmpty())
        throw new RegistryException("node page at " + out.size() + " of " + count + " is empty");
      out.addAll(page);
    }
    return List.copyOf(out);
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
    JsonNode block = rpc.call("eth_getBlockByNumber", "0x" + Long.toHexString(first), false);
    if (block == null || block.isNull()) return Optional.empty();
    try {
      return Optional.of(Bytes32.fromHex32(block.path("hash").asText()));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "block " + first + " has no valid hash: " + block.path("hash"), e);
    }
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
            truncateUtf8(r.reason() == null ? "" : r.reason(), RegistryAbi.MAX_REASON_BYTES));
    writer()
        .send(
            Optional.of(config.registry()),
            RegistryAbi.recordProof(bounded),
            "record proof "
                + r.epoch()
                + "/"
                + r.nodeId()
                + "/"
                + r.fileRoot()
                + "/"
                + r.shardIndex());
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
    List<ProofRecord> out = new ArrayList<>();
    for (long lo = from; lo <= head; lo += config.logBlockRange()) {
      long hi = Math.min(head, lo + config.logBlockRange() - 1);
      ObjectNode filter =
          rpc.object()
              .put("address", config.registry().toHex())
              .put("fromBlock", "0x" + Long.toHexString(lo))
              .put("toBlock", "0x" + Long.toHexString(hi));
      ArrayNode topics = filter.putArray("topics");
      topics.add(RegistryAbi.PROOF_RESULT_TOPIC.toHex());
      topics.add(Bytes32.wrap32(Abi.word(epoch).value()).toHex());
      topics.addNull();
      if (config.proofReporter().isPresent())
        topics.add(Bytes32.leftPad(config.proofReporter().get()).toHex());
      JsonNode logs = rpc.call("eth_getLogs", filter);
      if (!logs.isArray())
        throw new RegistryException("eth_getLogs returned " + logs.getNodeType());
      for (JsonNode log : logs) {
        if (log.path("removed").asBoolean(false)) continue;
        List<Bytes32> t = new ArrayList<>();
        for (JsonNode x : log.path("topics")) t.add(Bytes32.fromHex32(x.asText()));
        ProofRecord r =
            RegistryAbi.decodeProofResult(
                t, Bytes.fromHex(log.path("data").asText("0x")).toArray());
        if (r.epoch() == epoch) out.add(r);
      }
    }
    return List.copyOf(out);
  }

  // ---- plumbing ----

  /** The head's number. */
  public long head() {
    return TransactionSender.quantity(rpc.call("eth_blockNumber"), "eth_blockNumber");
  }

  private String pinnedBlock() {
    return "0x" + Long.toHexString(head());
  }

  private byte[] call(Bytes data, String block) {
    ObjectNode call = rpc.object().put("to", config.registry().toHex()).put("data", data.toHex());
    JsonNode ret = rpc.call("eth_call", call, block);
    byte[] out;
    try {
      out = Bytes.fromHex(ret.asText()).toArray();
    } catch (IllegalArgumentException e) {
      throw new RegistryException("eth_call returned " + ret, e);
    }
    if (out.length == 0) {
      throw new RegistryException(
          "no StorageRegistry at " + config.registry() + " (eth_call returned no data)");
    }
    return out;
  }

  private TransactionSender writer() {
    return sender.orElseThrow(
        () -> new IllegalStateException("this RpcStorageChain has no signing key: read-only"));
  }

  /**
   * Sends raw call data to the registry with a fixed gas limit (tests: a transaction that fails on
   * chain).
   */
  TransactionSender.Mined sendRaw(Bytes data, long gasLimit, String what) {
    return writer().send(Optional.of(config.registry()), data, gasLimit, what);
  }

  static String truncateUtf8(String s, int maxBytes) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= maxBytes) return s;
    int end = maxBytes;
    while (end > 0 && (b[end] & 0xc0) == 0x80) end--; // do not cut a character in half
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }
}

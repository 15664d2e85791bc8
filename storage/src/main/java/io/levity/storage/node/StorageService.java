package io.levity.storage.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.TimeSource;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.Submission;
import io.levity.storage.layout.FileLayout;
import io.levity.storage.layout.MerkleFile;
import io.levity.storage.layout.SectorProof;
import io.levity.storage.proof.Answer;
import io.levity.storage.proof.Challenge;
import io.levity.storage.shard.SegmentTree;
import io.levity.storage.shard.ShardLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a storage node, with no transport in them: admission (request rate, transfer and
 * challenge slots, sizes and declared lengths), the checks a shard passes before it is stored, the
 * re-check of every shard served (a corrupt one is quarantined and refused), sector proofs and
 * proof-of-storage answers. Each operation returns a typed result or throws a {@link NodeError};
 * the Netty adapter ({@link StorageNode}) and the in-process client transport both call it.
 * Protocol, limits and their order: docs/storage.md. Thread-safe.
 */
public final class StorageService implements AutoCloseable {
  private final NodeConfig config;
  private final StorageChain chain;
  private final NodeKey key;
  private final ShardStore store;
  private final NodeAdmission admission;
  private final UploadPolicy uploads;
  private final ReplicaStore replicas;
  private final Sealer sealer;
  private volatile String endpoint = "";
  private boolean sealing;

  private StorageService(
      NodeConfig config,
      StorageChain chain,
      NodeKey key,
      ShardStore store,
      ReplicaStore replicas,
      TimeSource time) {
    this.config = config;
    this.chain = chain;
    this.key = key;
    this.store = store;
    this.replicas = replicas;
    this.admission = new NodeAdmission(config, time);
    this.uploads = new UploadPolicy(key.nodeId(), chain, store, config.capacityBytes());
    this.sealer = new Sealer(this, replicas);
    if (config.seal()) store.onCommit(sealer::stored);
  }

  /**
   * Opens the node's data directory (creating its key on first use); {@code time} paces the request
   * rate limit.
   */
  public static StorageService open(NodeConfig config, StorageChain chain, TimeSource time)
      throws IOException {
    NodeKey key = NodeKey.loadOrCreate(config.dataDir());
    ShardStore store = ShardStore.open(config.dataDir());
    try {
      return new StorageService(
          config, chain, key, store, ReplicaStore.open(config.dataDir()), time);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Records the node on the chain as reachable at {@code endpoint}; then, when the config seals,
   * starts sealing the shards held (replica roots can only be committed by a registered node).
   */
  public void register(String endpoint) {
    this.endpoint = endpoint;
    chain.registerNode(key.keyPair(), endpoint); // signed: only this key registers this id
    synchronized (this) {
      if (config.seal() && !sealing) {
        sealing = true;
        sealer.start();
      }
    }
  }

  /** The node's sealed replicas. */
  public ReplicaStore replicas() {
    return replicas;
  }

  /** Queues a shard to be sealed again (its replica was found corrupt and dropped). */
  void resealLater(Bytes32 fileRoot, int index) {
    if (config.seal()) sealer.stored(fileRoot, index);
  }

  /** Shards stored but not yet sealed and committed (0 when the node does not seal). */
  public int sealsPending() {
    return sealer.pending();
  }

  /** The node id: its Ed25519 public key. */
  public Bytes32 nodeId() {
    return key.nodeId();
  }

  /** The key the node signs proof-of-storage answers with. */
  public NodeKey key() {
    return key;
  }

  /** How the node runs. */
  public NodeConfig config() {
    return config;
  }

  /** The shards on disk. */
  public ShardStore store() {
    return store;
  }

  /** The chain that records files, nodes and epochs. */
  StorageChain chain() {
    return chain;
  }

  /** The endpoint last registered, or "" before. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * Takes one request of {@code client}'s rate ({@link NodeConfig#maxRequestsPerSecond}); every
   * request is admitted here first.
   */
  public void admit(String client) throws NodeError {
    admission.admit(client);
  }

  public NodeHealth health() {
    List<ShardMeta> all = store.list(null);
    return new NodeHealth(
        "ok",
        nodeId(),
        endpoint,
        all.size(),
        all.stream().mapToLong(ShardMeta::shardSize).sum(),
        config.maxShardBytes());
  }

  /** Every shard held, or those of {@code file} when it is not null. */
  public List<ShardMeta> list(Bytes32 file) {
    return store.list(file);
  }

  /**
   * Admits the upload of shard {@code index} of {@code root} whose body (roots prefix and shard)
   * has {@code bodyLength} bytes, -1 when the length is not declared up front; the checks run in
   * the documented order. A shard already held intact is not received again. Otherwise the upload
   * holds a transfer slot until it is closed.
   */
  public UploadStart beginUpload(Bytes32 root, int index, long bodyLength)
      throws NodeError, IOException {
    if (bodyLength < 0) {
      throw new NodeError(NodeErrorCode.LENGTH_REQUIRED, "a shard upload needs a Content-Length");
    }
    long max = config.maxShardBytes();
    if (bodyLength > NodeProtocol.prefixLength(255) + max) {
      throw tooLarge(
          "the body has "
              + bodyLength
              + " bytes; this node accepts shards of at most "
              + max
              + " bytes");
    }
    Submission s =
        chain
            .submission(root)
            .orElseThrow(
                () ->
                    new NodeError(
                        NodeErrorCode.UNKNOWN_FILE,
                        "no submission is recorded on chain for "
                            + root
                            + "; submit the file first"));
    ShardLayout layout = new ShardLayout(s.dataShards(), s.parityShards(), s.length());
    if (index >= layout.totalShards()) {
      throw NodeError.badRequest(
          "shard index "
              + index
              + " out of range: the file has "
              + layout.totalShards()
              + " shards");
    }
    if (layout.shardSize() > max) {
      throw tooLarge(
          "shards of this file are "
              + layout.shardSize()
              + " bytes; this node accepts at most "
              + max);
    }
    if (bodyLength != ShardUpload.bodyLength(layout)) {
      throw new NodeError(
          NodeErrorCode.SIZE_MISMATCH,
          "the body has "
              + bodyLength
              + " bytes; expected "
              + ShardUpload.bodyLength(layout)
              + " (1 + 32 x "
              + layout.totalShards()
              + " bytes of roots, then a "
              + layout.shardSize()
              + "-byte shard)");
    }
    uploads.checkAssigned(s, index);
    // The slot comes first: checking a held copy hashes the whole shard, which a bare PUT must not
    // get for free.
    Runnable slot = admission.transferSlot();
    try {
      Optional<ShardMeta> held = store.meta(root, index);
      if (held.isPresent() && intact(held.get())) {
        slot.run();
        return new UploadStart.AlreadyHeld(held.get());
      }
      Runnable space = uploads.reserve(layout.shardSize());
      Runnable release =
          () -> {
            space.run();
            slot.run();
          };
      try {
        return new UploadStart.Receiving(new ShardUpload(s, index, store.begin(), release));
      } catch (IOException | RuntimeException e) {
        space.run();
        throw e;
      }
    } catch (NodeError | IOException | RuntimeException e) {
      slot.run();
      throw e;
    }
  }

  /** Whether a held shard still matches its metadata; quarantines it otherwise. */
  private boolean intact(ShardMeta meta) throws IOException {
    Optional<FileChannel> in = store.open(meta.fileRoot(), meta.index());
    if (in.isEmpty()) {
      store.quarantine(meta.fileRoot(), meta.index(), "file missing");
      return false;
    }
    try (FileChannel c = in.get()) {
      String bad = ShardStore.check(meta, c);
      if (bad != null) store.quarantine(meta.fileRoot(), meta.index(), bad);
      return bad == null;
    }
  }

  /**
   * Opens a held shard to be served after re-checking all of it; the read holds a transfer slot
   * until it is closed.
   */
  public ShardRead openShard(Bytes32 root, int index) throws NodeError, IOException {
    ShardMeta meta = held(root, index);
    Runnable slot = admission.transferSlot();
    FileChannel in = null;
    try {
      in = store.open(root, index).orElse(null);
      refuseIfCorrupt(meta, in == null ? "file missing" : ShardStore.check(meta, in));
      return new ShardRead(meta, in, slot);
    } catch (NodeError | IOException | RuntimeException e) {
      slot.run();
      if (in != null) in.close();
      throw e;
    }
  }

  /**
   * Sector {@code sector} of a held shard with its proof against the shard root; only its segment
   * is read and checked.
   */
  public SectorAnswer sector(Bytes32 root, int index, long sector) throws NodeError, IOException {
    ShardMeta meta = held(root, index);
    long sectors = FileLayout.sectorCount(meta.shardSize());
    if (sector < 0 || sector >= sectors) {
      throw NodeError.badRequest(
          "sector " + sector + " out of range: the shard has " + sectors + " sectors");
    }
    Runnable slot = admission.transferSlot();
    try (FileChannel in = store.open(root, index).orElse(null)) {
      int segment = (int) (sector / FileLayout.SECTORS_PER_SEGMENT);
      Answer.Sector s = proveSector(meta, MerkleFile.of(readSegment(meta, in, segment)), sector);
      return new SectorAnswer(root, index, meta.shardRoot(), meta.shardSize(), s.data(), s.proof());
    } finally {
      slot.run();
    }
  }

  /**
   * The length of a challenge body as declared up front ({@code -1}: not declared), if it is
   * acceptable.
   */
  public int challengeLength(long declared) throws NodeError {
    if (declared < 0) {
      throw new NodeError(NodeErrorCode.LENGTH_REQUIRED, "a challenge needs a Content-Length");
    }
    if (declared > Challenge.MAX_ENCODED_BYTES) {
      throw tooLarge(
          "a challenge is at most " + Challenge.MAX_ENCODED_BYTES + " bytes; got " + declared);
    }
    return (int) declared;
  }

  /** The encoded, signed answer to an encoded proof-of-storage challenge. */
  public byte[] answerChallenge(byte[] encodedChallenge) throws NodeError, IOException {
    Runnable slot = admission.challengeSlot();
    try {
      return new ChallengeResponder(this).answer(encodedChallenge);
    } finally {
      slot.run();
    }
  }

  /** The metadata of a held shard, or a 404 refusal. */
  ShardMeta held(Bytes32 root, int index) throws NodeError {
    return store
        .meta(root, index)
        .orElseThrow(
            () ->
                new NodeError(
                    NodeErrorCode.NOT_FOUND,
                    "this node does not hold shard " + index + " of " + root));
  }

  /**
   * Reads segment {@code s} of a held shard ({@code in}, null when its file is gone), checked
   * against its stored root; a corrupt shard is quarantined and refused.
   */
  byte[] readSegment(ShardMeta meta, FileChannel in, int s) throws NodeError, IOException {
    byte[] buf = new byte[ShardLayout.SEGMENT_SIZE];
    String bad;
    if (in == null) bad = "file missing";
    else if (in.size() != meta.shardSize())
      bad = "size " + in.size() + " on disk, expected " + meta.shardSize();
    else bad = ShardStore.checkSegment(meta, in, s, buf);
    refuseIfCorrupt(meta, bad);
    return buf;
  }

  private void refuseIfCorrupt(ShardMeta meta, String bad) throws NodeError {
    if (bad == null) return;
    store.quarantine(meta.fileRoot(), meta.index(), bad);
    throw new NodeError(
        NodeErrorCode.CORRUPT,
        "shard "
            + meta.index()
            + " of "
            + meta.fileRoot()
            + " was corrupt on disk ("
            + bad
            + "); the node dropped it, repair the file to restore it");
  }

  /**
   * Sector {@code sector} of a held shard with its proof against the shard root, from the tree of
   * its segment (read and checked) and the stored segment roots.
   */
  static Answer.Sector proveSector(ShardMeta meta, MerkleFile segment, long sector) {
    int inSegment = (int) (sector % FileLayout.SECTORS_PER_SEGMENT);
    int s = (int) (sector / FileLayout.SECTORS_PER_SEGMENT);
    SectorProof proof =
        new SectorProof(
            sector,
            segment.prove(inSegment).segmentPath(),
            SegmentTree.path(meta.segmentRoots(), s));
    return new Answer.Sector(Bytes.wrap(segment.sector(inSegment)), proof);
  }

  private static NodeError tooLarge(String message) {
    return new NodeError(NodeErrorCode.TOO_LARGE, message);
  }

  /** Closes the shard store; the service is unusable afterwards. */
  @Override
  public void close() {
    sealer.close();
    store.close();
  }
}

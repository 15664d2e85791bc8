package io.levity.node.store;

import io.levity.consensus.engine.LedgerView;
import io.levity.consensus.engine.PendingBlockStore;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.safety.SafetyStore;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.CanonicalEncoding;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.TimeoutCert;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.trie.KeyValueStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consensus engine's durable state, in the node's RocksDB next to the chain (writes are
 * synchronous, so each returns only once fsynced): the {@link SafetyStore} ({@link #safety()}), the
 * {@link PendingBlockStore} of uncommitted blocks ({@link #pendingBlocks()}), and the {@link
 * LedgerView} of committed ones (this object). The consensus epoch is fixed for the chain, so
 * consensus height {@code h} is execution block {@code h}: a ledger entry is written in the same
 * atomic batch as its execution block ({@link #ledgerEntry}), and the ledger's tip is always the
 * stored head.
 *
 * <pre>
 *   'L' || height(8, big-endian) -> rlp([consensus block encoding, encoding of the QC that committed it])
 *   'i' || consensus block id(32) -> height(8, big-endian)
 *   "safety"                      -> rlp([epoch, lastVoted, highestTimeout, lastProposed, QC, [TC] or []])
 *   "pending"                     -> rlp([block encoding, ...]) the uncommitted blocks
 * </pre>
 *
 * Equivocation evidence lives next to it ({@link EvidenceStore}).
 *
 * <p>The safety state and the pending set are small and rewritten whole. Thread-safe.
 */
public final class ConsensusStore implements LedgerView {
  static final byte LEDGER = 'L';
  static final byte ID_INDEX = 'i';
  static final byte[] SAFETY = {'s', 'a', 'f', 'e', 't', 'y'};
  static final byte[] PENDING = {'p', 'e', 'n', 'd', 'i', 'n', 'g'};

  /**
   * A committed block with the certificate that committed it (or a descendant in the same commit).
   */
  public record Entry(ConsensusBlock block, QuorumCert proof) {
    public byte[] encode() {
      return Rlp.encodeList(
          Rlp.encodeBytes(block.encoding()), Rlp.encodeBytes(CanonicalEncoding.quorumCert(proof)));
    }
  }

  private final KeyValueStore kv;
  private final RocksDbBlockStore chain;
  private final DecodeLimits limits;
  private final Map<Bytes32, ConsensusBlock> pending = new LinkedHashMap<>();
  private final EvidenceStore evidence;

  public ConsensusStore(RocksDbBlockStore chain, DecodeLimits limits) {
    this.chain = chain;
    this.kv = chain.keyValueStore();
    this.limits = limits;
    this.evidence = new EvidenceStore(kv, new ConsensusCodec(limits));
    kv.get(PENDING)
        .ifPresent(
            v -> {
              RlpReader r = new RlpReader(v);
              r.enterList();
              while (r.hasNext()) {
                ConsensusBlock b = decodeBlock(r.readBytes());
                pending.put(b.id(), b);
              }
              r.exitList();
              r.requireEnd();
            });
    long head = chain.head().map(h -> h.number()).orElse(0L);
    if (head > 0 && kv.get(ledgerKey(head)).isEmpty()) {
      throw new IllegalStateException(
          "the data directory holds "
              + head
              + " blocks but no consensus ledger for them:"
              + " it was written by an older version of Levity; start over with a new data directory (devnet: --reset)");
    }
  }

  /** The equivocation evidence this node caught (kept across restarts). */
  public EvidenceStore evidence() {
    return evidence;
  }

  // ---- safety ----

  /** The safety state port: {@code save} returns once the state is fsynced. */
  public SafetyStore safety() {
    return new SafetyStore() {
      @Override
      public Optional<SafetyState> load() {
        synchronized (ConsensusStore.this) {
          return kv.get(SAFETY).map(ConsensusStore.this::decodeSafety);
        }
      }

      @Override
      public void save(SafetyState s) {
        synchronized (ConsensusStore.this) {
          kv.put(SAFETY, encodeSafety(s));
        }
      }
    };
  }

  static byte[] encodeSafety(SafetyState s) {
    byte[] tc =
        s.highestTc()
            .map(t -> Rlp.encodeList(CanonicalEncoding.timeoutCert(t)))
            .orElse(Rlp.encodeList());
    return Rlp.encodeList(
        Rlp.encodeLong(s.epoch()),
        Rlp.encodeLong(s.lastVotedRound()),
        Rlp.encodeLong(s.highestTimeoutRound()),
        Rlp.encodeLong(s.lastProposedRound()),
        CanonicalEncoding.quorumCert(s.highestQc()),
        tc);
  }

  SafetyState decodeSafety(byte[] v) {
    RlpReader r = new RlpReader(v);
    r.enterList();
    long epoch = r.readLong();
    long voted = r.readLong();
    long timedOut = r.readLong();
    long proposed = r.readLong();
    QuorumCert qc = CanonicalEncoding.readQuorumCert(r, limits);
    r.enterList();
    Optional<TimeoutCert> tc =
        r.hasNext() ? Optional.of(CanonicalEncoding.readTimeoutCert(r, limits)) : Optional.empty();
    r.exitList();
    r.exitList();
    r.requireEnd();
    return new SafetyState(epoch, voted, timedOut, proposed, qc, tc);
  }

  // ---- uncommitted blocks ----

  /** The uncommitted blocks port: {@code save} and {@code discard} return once fsynced. */
  public PendingBlockStore pendingBlocks() {
    return new PendingBlockStore() {
      @Override
      public void save(ConsensusBlock b) {
        synchronized (ConsensusStore.this) {
          if (pending.putIfAbsent(b.id(), b) == null) kv.put(PENDING, encodePending());
        }
      }

      @Override
      public void discard(Collection<Bytes32> ids) {
        synchronized (ConsensusStore.this) {
          boolean changed = false;
          for (Bytes32 id : ids) changed |= pending.remove(id) != null;
          if (changed) kv.put(PENDING, encodePending());
        }
      }

      @Override
      public List<ConsensusBlock> load() {
        synchronized (ConsensusStore.this) {
          return new ArrayList<>(pending.values());
        }
      }
    };
  }

  private byte[] encodePending() {
    List<byte[]> items = new ArrayList<>(pending.size());
    for (ConsensusBlock b : pending.values()) items.add(Rlp.encodeBytes(b.encoding()));
    return Rlp.encodeList(items);
  }

  // ---- the ledger ----

  /**
   * Stages the ledger entry of a committed block into the batch that stores its execution block,
   * and drops it from the pending set in the same batch.
   */
  public synchronized void ledgerEntry(
      KeyValueStore.WriteBatch batch, ConsensusBlock block, QuorumCert proof) {
    batch.put(ledgerKey(block.height()), new Entry(block, proof).encode());
    batch.put(idKey(block.id()), heightBytes(block.height()));
    if (pending.remove(block.id()) != null) batch.put(PENDING, encodePending());
  }

  /** The committed entry at a height, if stored. */
  public Optional<Entry> entry(long height) {
    if (height < 1) return Optional.empty();
    return kv.get(ledgerKey(height)).map(this::decodeEntry);
  }

  public Entry decodeEntry(byte[] v) {
    RlpReader r = new RlpReader(v);
    r.enterList();
    ConsensusBlock b = decodeBlock(r.readBytes());
    byte[] proof = r.readBytes();
    r.exitList();
    r.requireEnd();
    RlpReader pr = new RlpReader(proof);
    QuorumCert qc = CanonicalEncoding.readQuorumCert(pr, limits);
    pr.requireEnd();
    return new Entry(b, qc);
  }

  private ConsensusBlock decodeBlock(byte[] enc) {
    RlpReader r = new RlpReader(enc);
    ConsensusBlock b = CanonicalEncoding.readBlock(r, enc, limits);
    r.requireEnd();
    return b;
  }

  /** The committed height: the stored head's number. */
  public long height() {
    return chain.head().map(h -> h.number()).orElse(0L);
  }

  @Override
  public Optional<BlockRef> tip() {
    return entry(height()).map(e -> e.block().ref());
  }

  @Override
  public Optional<QuorumCert> tipProof() {
    return entry(height()).map(Entry::proof);
  }

  @Override
  public Optional<ConsensusBlock> block(Bytes32 id) {
    return kv.get(idKey(id)).flatMap(h -> entry(readHeight(h))).map(Entry::block);
  }

  @Override
  public Optional<Bytes32> idAt(long height) {
    return entry(height).map(e -> e.block().id());
  }

  private static byte[] ledgerKey(long height) {
    byte[] k = new byte[9];
    k[0] = LEDGER;
    System.arraycopy(heightBytes(height), 0, k, 1, 8);
    return k;
  }

  private static byte[] idKey(Bytes32 id) {
    byte[] k = new byte[33];
    k[0] = ID_INDEX;
    System.arraycopy(id.unsafeArray(), 0, k, 1, 32);
    return k;
  }

  private static byte[] heightBytes(long h) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) h;
      h >>>= 8;
    }
    return b;
  }

  private static long readHeight(byte[] b) {
    long h = 0;
    for (byte x : b) h = (h << 8) | (x & 0xff);
    return h;
  }
}

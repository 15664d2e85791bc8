package io.levity.da.client;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.time.TimeSource;
import io.levity.da.chain.CertifiedBlob;
import io.levity.da.chain.DaCertificate;
import io.levity.da.chain.DaChain;
import io.levity.da.encoding.BlobDecoder;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.node.DaNodeException;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.quorum.Assignment;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The DA client: 0G DA's {@code DisperseBlob}, {@code GetBlobStatus} and {@code RetrieveBlob}, plus
 * sampling and certificate checks. Dispersals are recorded in a {@link DispersalJournal} so another
 * process can follow them.
 */
public final class DaClient {
  private final DaChain chain;
  private final DaNodeTransport transport;
  private final DaClientSettings settings;
  private final DispersalJournal journal;
  private final TimeSource time;

  /** A client of {@code chain}'s DA layer, reaching nodes through {@code transport}. */
  public DaClient(
      DaChain chain,
      DaNodeTransport transport,
      DaClientSettings settings,
      DispersalJournal journal,
      TimeSource time) {
    this.chain = chain;
    this.transport = transport;
    this.settings = settings;
    this.journal = journal;
    this.time = time;
  }

  /** The chain port. */
  public DaChain chain() {
    return chain;
  }

  /**
   * Encodes {@code data}, sends it to the current epoch's quorum, aggregates the signatures and
   * certifies it; every step is said to {@code progress} and the result recorded in the journal.
   */
  public DisperseOutcome disperse(byte[] data, Consumer<String> progress)
      throws IOException, InterruptedException {
    if (data.length > settings.maxBlob())
      throw new IllegalArgumentException(
          "the blob has " + data.length + " bytes; the limit is " + settings.maxBlob());
    DisperseOutcome out = new Disperser(chain, transport, settings, time).disperse(data, progress);
    journal.put(out.record());
    return out;
  }

  /** Where {@code blobId} stands: certified on chain, else what the journal says, else UNKNOWN. */
  public BlobStatus status(Bytes32 blobId) throws IOException {
    if (chain.certified(blobId).isPresent()) return BlobStatus.CERTIFIED;
    return journal.get(blobId).map(DispersalRecord::status).orElse(BlobStatus.UNKNOWN);
  }

  /** The journal's record of {@code blobId}, if this client dispersed it. */
  public Optional<DispersalRecord> record(Bytes32 blobId) throws IOException {
    return journal.get(blobId);
  }

  /** The epoch whose quorum holds {@code blobId}: its certificate's, else the journal's. */
  public long epochOf(Bytes32 blobId) throws IOException {
    Optional<CertifiedBlob> c = chain.certified(blobId);
    if (c.isPresent()) return c.get().epoch();
    return journal
        .get(blobId)
        .map(DispersalRecord::epoch)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "blob "
                        + blobId.toHex()
                        + " is not certified on chain and this client did not disperse it"));
  }

  /**
   * Rebuilds {@code blobId} from its quorum: reads the nodes' shares in parallel, the systematic
   * half of every piece first and the parity half only where that fell short, verifies every proof,
   * drops and reports bad cells, and decodes from what is left (any 64 cells of each piece).
   */
  public RetrieveOutcome retrieve(Bytes32 blobId) throws IOException, InterruptedException {
    Quorum quorum = chain.quorum(epochOf(blobId));
    CellFetcher fetcher = new CellFetcher(transport, settings.cellsPerRequest());
    BlobHeader header = fetcher.header(quorum, blobId, settings.maxBlob());
    Assignment assignment = Assignment.of(quorum, blobId, header.pieceCount());
    Map<Integer, String> reported = new ConcurrentHashMap<>();
    // First the systematic half (cells 0 to 63 are the piece's own bytes: no recovery, half the
    // traffic and proof checks); then the parity half of the pieces that came back short.
    List<Cell> good = new ArrayList<>();
    int[] held = new int[header.pieceCount()];
    for (boolean parity : new boolean[] {false, true}) {
      Map<Integer, List<CellId>> wanted = new TreeMap<>();
      for (QuorumMember m : quorum.members())
        for (CellId c : assignment.cellsOf(m.index())) {
          boolean isParity = c.index() >= BlobLayout.CELLS_TO_RECOVER;
          if (isParity != parity) continue;
          if (parity && held[c.piece()] >= BlobLayout.CELLS_TO_RECOVER) continue;
          wanted.computeIfAbsent(m.index(), k -> new ArrayList<>()).add(c);
        }
      if (wanted.isEmpty()) continue;
      for (CellFetcher.Fetched f : fetchAll(quorum, blobId, header, wanted, fetcher, reported))
        for (Cell c : f.good()) {
          good.add(c);
          held[c.id().piece()]++;
        }
    }
    try {
      byte[] data = BlobDecoder.decode(header, good);
      return new RetrieveOutcome(Bytes.wrap(data), header, good.size(), new TreeMap<>(reported));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "blob "
              + blobId.toHex()
              + " cannot be rebuilt: "
              + e.getMessage()
              + (reported.isEmpty() ? "" : "; nodes reported: " + new TreeMap<>(reported)),
          e);
    }
  }

  /**
   * Samples {@code blobId} in rounds ({@link BlobSampler}): {@code perPiece} random cells of every
   * piece first, more where the confidence ({@link Sampling}) is short of {@code target}; every
   * proof checked, nodes that fail named.
   */
  public SampleOutcome sample(Bytes32 blobId, int perPiece, double target, RandomGenerator random)
      throws IOException, InterruptedException {
    if (perPiece < 1 || perPiece > BlobLayout.CELLS_PER_PIECE)
      throw new IllegalArgumentException("--samples must be in [1, 128], not " + perPiece);
    if (!(target > 0 && target < 1))
      throw new IllegalArgumentException("the target confidence must be in (0, 1), not " + target);
    Quorum quorum = chain.quorum(epochOf(blobId));
    CellFetcher fetcher = new CellFetcher(transport, settings.cellsPerRequest());
    BlobHeader header = fetcher.header(quorum, blobId, settings.maxBlob());
    Assignment assignment = Assignment.of(quorum, blobId, header.pieceCount());
    Map<Integer, String> reported = new ConcurrentHashMap<>();
    return BlobSampler.sample(
        header,
        assignment,
        perPiece,
        target,
        random,
        byHolder -> {
          Set<CellId> ok = new HashSet<>();
          for (CellFetcher.Fetched f :
              fetchAll(quorum, blobId, header, byHolder, fetcher, reported))
            ok.addAll(BlobSampler.ids(f.good()));
          return ok;
        },
        reported);
  }

  /**
   * Checks {@code blobId}'s certificate again: the contract's record, the certificate from its
   * transaction, the signature against the signers' registered keys, the stake threshold, and
   * {@code checkDACert} while the epoch is fresh.
   */
  public VerifyOutcome verify(Bytes32 blobId) {
    CertifiedBlob rec =
        chain
            .certified(blobId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "blob " + blobId.toHex() + " is not certified on chain"));
    DaCertificate cert =
        chain
            .certificate(blobId)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the chain records blob "
                            + blobId.toHex()
                            + " as certified but its certificate cannot be read"));
    Quorum q = chain.quorum(cert.epoch());
    List<BlsPublicKey> keys = new ArrayList<>();
    boolean known = true;
    for (int i = 0; i < cert.signers().bitLength(); i++) {
      if (!cert.signers().testBit(i)) continue;
      QuorumMember m = q.member(i);
      if (m == null) known = false;
      else keys.add(m.key());
    }
    boolean sigOk = false;
    if (known && !keys.isEmpty()) {
      BlsPublicKey registered = Bls.aggregateKeys(keys);
      BlsPublicKey apk = new BlsPublicKey(registered.g1(), cert.aggregateKey().g2());
      sigOk =
          Bls.verifyAggregate(apk, chain.signingMessage(blobId, cert.epoch()), cert.signature());
    }
    long now = chain.currentEpoch();
    Optional<Boolean> onChain =
        now - cert.epoch() <= 1 ? Optional.of(chain.checkCertificate(cert)) : Optional.empty();
    return new VerifyOutcome(
        rec,
        cert,
        q.stakeOf(cert.signers()),
        q.totalStake(),
        sigOk,
        known && q.meetsThreshold(cert.signers()),
        onChain);
  }

  private List<CellFetcher.Fetched> fetchAll(
      Quorum quorum,
      Bytes32 blobId,
      BlobHeader header,
      Map<Integer, List<CellId>> wanted,
      CellFetcher fetcher,
      Map<Integer, String> reported)
      throws InterruptedException {
    List<CellFetcher.Fetched> out = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<CellFetcher.Fetched>> futures = new ArrayList<>();
      for (Map.Entry<Integer, List<CellId>> e : wanted.entrySet()) {
        QuorumMember m = quorum.member(e.getKey());
        futures.add(
            pool.submit(
                () -> {
                  try {
                    CellFetcher.Fetched f = fetcher.fetch(m, blobId, header, e.getValue());
                    if (f.problem() != null) reported.put(m.index(), f.problem());
                    return f;
                  } catch (DaNodeException | RuntimeException ex) {
                    reported.put(m.index(), "unreachable: " + ex.getMessage());
                    return new CellFetcher.Fetched(m, List.of(), List.of(), e.getValue());
                  }
                }));
      }
      for (Future<CellFetcher.Fetched> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException ex) {
          throw new IllegalStateException("a fetch task failed", ex.getCause());
        }
      }
    }
    return out;
  }
}

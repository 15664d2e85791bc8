package io.levity.da.client;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.time.TimeSource;
import io.levity.da.chain.DaCertificate;
import io.levity.da.chain.DaChain;
import io.levity.da.chain.DaChainException;
import io.levity.da.encoding.BlobEncoder;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import io.levity.da.node.DaNodeException;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.node.StoreRequest;
import io.levity.da.quorum.Assignment;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Sends a blob to its epoch's quorum and certifies it: encode; compute the assignment; send every
 * node its share at once; check each returned signature against that node's registered key (a bad
 * one counts as no answer); once the valid signers hold the threshold of stake, wait up to the
 * grace period for the others, aggregate, and submit the certificate.
 */
final class Disperser {
  private final DaChain chain;
  private final DaNodeTransport transport;
  private final DaClientSettings settings;
  private final TimeSource time;

  Disperser(DaChain chain, DaNodeTransport transport, DaClientSettings settings, TimeSource time) {
    this.chain = chain;
    this.transport = transport;
    this.settings = settings;
    this.time = time;
  }

  /** The answer of one node. */
  private record Answer(QuorumMember member, BlsSignature signature, String error) {}

  /** How long to wait for a quorum when no DA node is active yet (nodes join an epoch late). */
  private static final long QUORUM_WAIT_NANOS = 120_000_000_000L;

  /**
   * Encodes {@code data}, then disperses it; when the chain refuses the certificate because the
   * epoch moved on while the nodes were signing (StaleEpoch), it disperses once more in the new
   * epoch (the nodes store the blob again under it).
   */
  DisperseOutcome disperse(byte[] data, Consumer<String> progress) throws InterruptedException {
    long t0 = time.nanoTime();
    EncodedBlob blob = BlobEncoder.encode(data, settings.maxBlob(), settings.encodeThreads());
    long encodeNanos = time.nanoTime() - t0;
    progress.accept(
        "encoded "
            + data.length
            + " bytes into "
            + blob.header().pieceCount()
            + " piece(s) of 128 cells in "
            + encodeNanos / 1_000_000
            + " ms; blob "
            + blob.header().id().toHex());
    DisperseOutcome out = round(blob, data.length, encodeNanos, progress);
    if (out.record().status() == BlobStatus.FAILED
        && out.record().reason().contains("StaleEpoch")) {
      progress.accept(
          "the epoch moved on before the certificate was mined; dispersing again in epoch "
              + chain.currentEpoch());
      out = round(blob, data.length, encodeNanos, progress);
    }
    return out;
  }

  /** The current epoch's quorum, waiting (up to two minutes) while it has no active node. */
  private Quorum quorum(Consumer<String> progress) throws InterruptedException {
    long deadline = time.nanoTime() + QUORUM_WAIT_NANOS;
    long said = -1;
    while (true) {
      long epoch = chain.currentEpoch();
      Quorum q = chain.quorum(epoch);
      if (!q.members().isEmpty()) return q;
      if (time.nanoTime() > deadline)
        throw new IllegalStateException(
            "no DA node is active in epoch "
                + epoch
                + " (nodes join the quorum at the epoch after they register)");
      if (said != epoch) {
        progress.accept("no DA node is active in epoch " + epoch + " yet; waiting for the next");
        said = epoch;
      }
      Thread.sleep(250);
    }
  }

  private DisperseOutcome round(
      EncodedBlob blob, long length, long encodeNanos, Consumer<String> progress)
      throws InterruptedException {
    Bytes32 id = blob.header().id();
    Quorum quorum = quorum(progress);
    long epoch = quorum.epoch();
    Assignment assignment = Assignment.of(quorum, id, blob.header().pieceCount());
    Bytes32 message = chain.signingMessage(id, epoch);
    long t1 = time.nanoTime();
    Map<Integer, String> errors = new TreeMap<>();
    List<Answer> valid = collect(blob, epoch, quorum, assignment, message, errors, progress);
    long disperseNanos = time.nanoTime() - t1;
    BigInteger bitmap = BigInteger.ZERO;
    for (Answer a : valid) bitmap = bitmap.setBit(a.member().index());
    BigInteger signed = quorum.stakeOf(bitmap);
    BigInteger total = quorum.totalStake();
    DispersalRecord rec =
        new DispersalRecord(
            id,
            length,
            epoch,
            BlobStatus.PROCESSING,
            "",
            Optional.empty(),
            Optional.empty(),
            errors);
    if (!quorum.meetsThreshold(bitmap) || !recoverable(assignment, bitmap, pieces(blob))) {
      String why =
          !quorum.meetsThreshold(bitmap)
              ? thresholdShortfall(valid.size(), quorum, signed, total)
              : "the signers hold the threshold of stake but fewer than 64 cells of some piece"
                  + " (Assignment's rounding in a large quorum): the blob would not be recoverable"
                  + " from them alone";
      return new DisperseOutcome(
          rec.withStatus(BlobStatus.INSUFFICIENT_SIGNATURES, why),
          blob.header(),
          signed,
          total,
          encodeNanos,
          disperseNanos,
          0);
    }
    DaCertificate cert =
        new DaCertificate(
            id,
            epoch,
            bitmap,
            Bls.aggregateSignatures(valid.stream().map(Answer::signature).toList()),
            Bls.aggregateKeys(valid.stream().map(a -> a.member().key()).toList()));
    rec =
        new DispersalRecord(
            id,
            length,
            epoch,
            BlobStatus.PROCESSING,
            "",
            Optional.of(cert),
            Optional.empty(),
            errors);
    progress.accept(
        valid.size()
            + " of "
            + quorum.members().size()
            + " nodes signed ("
            + percent(signed, total)
            + " of the stake); submitting the certificate");
    long t2 = time.nanoTime();
    try {
      Bytes32 tx = chain.certify(cert);
      long certifyNanos = time.nanoTime() - t2;
      return new DisperseOutcome(
          new DispersalRecord(
              id,
              length,
              epoch,
              BlobStatus.CERTIFIED,
              "",
              Optional.of(cert),
              Optional.of(tx),
              errors),
          blob.header(),
          signed,
          total,
          encodeNanos,
          disperseNanos,
          certifyNanos);
    } catch (DaChainException e) {
      return new DisperseOutcome(
          rec.withStatus(BlobStatus.FAILED, "the chain refused the certificate: " + e.getMessage()),
          blob.header(),
          signed,
          total,
          encodeNanos,
          disperseNanos,
          time.nanoTime() - t2);
    }
  }

  /** Sends every share at once; returns the valid signatures it has when it stops waiting. */
  private List<Answer> collect(
      EncodedBlob blob,
      long epoch,
      Quorum quorum,
      Assignment assignment,
      Bytes32 message,
      Map<Integer, String> errors,
      Consumer<String> progress)
      throws InterruptedException {
    List<Answer> valid = new ArrayList<>();
    // Not try-with-resources: close() would wait for the nodes that did not answer in time.
    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
    try {
      CompletionService<Answer> done = new ExecutorCompletionService<>(pool);
      List<Future<Answer>> futures = new ArrayList<>();
      for (QuorumMember m : quorum.members()) {
        List<Cell> cells = new ArrayList<>();
        for (CellId c : assignment.cellsOf(m.index())) cells.add(blob.cell(c));
        if (cells.isEmpty()) continue;
        StoreRequest req = new StoreRequest(blob.header(), epoch, List.copyOf(cells));
        futures.add(done.submit(() -> ask(m, req, message)));
      }
      long deadline = time.nanoTime() + settings.nodeTimeout().toNanos();
      BigInteger bitmap = BigInteger.ZERO;
      boolean met = false;
      for (int pending = futures.size(); pending > 0; pending--) {
        long left = deadline - time.nanoTime();
        Future<Answer> f = left > 0 ? done.poll(left, TimeUnit.NANOSECONDS) : null;
        if (f == null) break;
        Answer a = answer(f);
        if (a.error() != null) {
          errors.put(a.member().index(), a.error());
          progress.accept("node " + a.member().index() + " did not sign: " + a.error());
          continue;
        }
        valid.add(a);
        bitmap = bitmap.setBit(a.member().index());
        if (!met
            && quorum.meetsThreshold(bitmap)
            && recoverable(assignment, bitmap, blob.header().pieceCount())) {
          met = true;
          deadline = Math.min(deadline, time.nanoTime() + settings.grace().toNanos());
        }
      }
      for (Future<Answer> f : futures) {
        if (!f.isDone()) f.cancel(true);
      }
      for (QuorumMember m : quorum.members()) {
        if (!bitmap.testBit(m.index())
            && !errors.containsKey(m.index())
            && !assignment.cellsOf(m.index()).isEmpty()) {
          errors.put(m.index(), "no answer in time");
        }
      }
    } finally {
      pool.shutdownNow(); // interrupts the requests still waiting; does not wait for them
    }
    return valid;
  }

  private Answer ask(QuorumMember m, StoreRequest req, Bytes32 message) {
    try {
      BlsSignature sig = transport.store(m.endpoint(), req);
      if (!Bls.verify(m.key(), message, sig))
        return new Answer(m, null, "its signature does not verify against its registered key");
      return new Answer(m, sig, null);
    } catch (DaNodeException e) {
      return new Answer(m, null, e.getMessage());
    } catch (RuntimeException e) {
      return new Answer(m, null, e.toString());
    }
  }

  private static Answer answer(Future<Answer> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a dispersal task failed", e.getCause());
    }
  }

  private static int pieces(EncodedBlob blob) {
    return blob.header().pieceCount();
  }

  private static String thresholdShortfall(
      int signers, Quorum quorum, BigInteger signed, BigInteger total) {
    return signers
        + " of "
        + quorum.members().size()
        + " nodes signed, "
        + percent(signed, total)
        + " of the stake; the threshold is "
        + quorum.thresholdBps() / 100.0
        + "%";
  }

  /**
   * Whether the nodes in {@code signers} hold at least 64 cells of every piece, so the blob can be
   * rebuilt from them alone. The stake threshold implies it for quorums of up to 32 nodes; past
   * that, Assignment's rounding can leave two thirds of the stake with fewer (see {@link
   * Assignment}), so the client checks it before certifying.
   */
  static boolean recoverable(Assignment assignment, BigInteger signers, int pieces) {
    int[] held = new int[pieces];
    for (int i = 0; i < signers.bitLength(); i++) {
      if (!signers.testBit(i)) continue;
      for (CellId c : assignment.cellsOf(i)) held[c.piece()]++;
    }
    for (int h : held) if (h < BlobLayout.CELLS_TO_RECOVER) return false;
    return true;
  }

  static String percent(BigInteger part, BigInteger whole) {
    if (whole.signum() == 0) return "0%";
    return part.multiply(BigInteger.valueOf(10_000)).divide(whole).longValue() / 100.0 + "%";
  }
}

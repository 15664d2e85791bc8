package io.levity.da.node;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.time.Scheduler;
import io.levity.da.chain.DaChain;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.CellVerifier;
import io.levity.da.node.DaNodeRefusal.Reason;
import io.levity.da.quorum.Assignment;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DA node's rules, without a transport: it takes a blob's share only for the chain's current or
 * previous epoch, only when it is in that epoch's quorum, only when the cells are exactly its share
 * under the epoch's {@link Assignment} and every proof holds; it stores them durably, then signs
 * {@link DaChain#signingMessage}. It serves what it holds, and deletes blobs past the retention
 * window on its scheduler. Thread-safe (the store is; the rest is immutable).
 */
public final class DaNodeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DaNodeService.class);
  private static final int LISTED = 8;

  private final BlsKeyPair key;
  private final int index;
  private final DaChain chain;
  private final CellStore store;
  private final DaNodeLimits limits;
  private final Scheduler.Cancellable pruning;

  /**
   * A node with BLS key {@code key} registered as {@code index}, keeping its cells in {@code
   * store}; pruning runs every {@code limits.pruneIntervalMillis()} on {@code scheduler}.
   */
  public DaNodeService(
      BlsKeyPair key,
      int index,
      DaChain chain,
      CellStore store,
      DaNodeLimits limits,
      Scheduler scheduler) {
    this.key = key;
    this.index = index;
    this.chain = chain;
    this.store = store;
    this.limits = limits;
    this.pruning = scheduler.scheduleRepeating(limits.pruneIntervalMillis(), this::pruneLogged);
  }

  /** The node's limits. */
  public DaNodeLimits limits() {
    return limits;
  }

  /** The node's registration index. */
  public int index() {
    return index;
  }

  /**
   * Checks, stores and signs {@code request}'s share; the signature of {@link
   * DaChain#signingMessage}{@code (blob id, epoch)}. Storing the same blob for the same epoch again
   * returns the signature without storing twice.
   *
   * @throws DaNodeRefusal saying which check failed
   */
  public BlsSignature store(StoreRequest request) {
    BlobHeader header = request.header();
    long epoch = request.epoch();
    checkEpoch(epoch);
    Quorum quorum = chain.quorum(epoch);
    checkMember(quorum, epoch);
    if (header.length() > limits.maxBlobBytes()) {
      throw new DaNodeRefusal(
          Reason.TOO_LARGE,
          "blob of "
              + header.length()
              + " bytes is over this node's limit of "
              + limits.maxBlobBytes());
    }
    Bytes32 id = header.id();
    List<CellId> share = Assignment.of(quorum, id, header.pieceCount()).cellsOf(index);
    checkShare(request.cells(), share, epoch);
    Optional<CellStore.StoredBlob> before = store.blob(id);
    if (before.isEmpty() || before.get().epoch() != epoch) {
      List<CellId> invalid = CellVerifier.invalid(header, request.cells());
      if (!invalid.isEmpty()) {
        throw new DaNodeRefusal(
            Reason.BAD_PROOF,
            invalid.size() + " cell(s) fail their KZG proof against the header: " + first(invalid));
      }
      // a share for the previous epoch after one for the current must not shorten retention
      long keep = before.map(b -> Math.max(b.epoch(), epoch)).orElse(epoch);
      store.put(header, keep, request.cells());
    }
    return Bls.sign(key.secret(), chain.signingMessage(id, epoch));
  }

  private void checkEpoch(long epoch) {
    long current = chain.currentEpoch();
    if (epoch < 0 || (epoch != current && epoch != current - 1)) {
      throw new DaNodeRefusal(
          Reason.WRONG_EPOCH,
          "epoch "
              + epoch
              + " is neither the current epoch "
              + current
              + " nor the previous one: recompute the assignment for epoch "
              + current);
    }
  }

  private void checkMember(Quorum quorum, long epoch) {
    QuorumMember me = quorum.member(index);
    if (me == null) {
      throw new DaNodeRefusal(
          Reason.NOT_IN_QUORUM, "node " + index + " is not in the quorum of epoch " + epoch);
    }
    if (!me.key().equals(key.publicKey())) {
      throw new DaNodeRefusal(
          Reason.NOT_IN_QUORUM,
          "node " + index + " is registered in epoch " + epoch + " with another BLS key");
    }
  }

  private void checkShare(List<Cell> cells, List<CellId> share, long epoch) {
    Set<CellId> seen = new HashSet<>();
    List<CellId> duplicate = new ArrayList<>();
    for (Cell c : cells) if (!seen.add(c.id())) duplicate.add(c.id());
    Set<CellId> missing = new TreeSet<>(share);
    missing.removeAll(seen);
    Set<CellId> extra = new TreeSet<>(seen);
    share.forEach(extra::remove);
    if (duplicate.isEmpty() && missing.isEmpty() && extra.isEmpty()) return;
    StringBuilder why = new StringBuilder("the cells are not node " + index + "'s share in epoch ");
    why.append(epoch).append(" (").append(share.size()).append(" cells):");
    if (!missing.isEmpty()) why.append(" missing ").append(first(missing)).append(';');
    if (!extra.isEmpty()) why.append(" not its ").append(first(extra)).append(';');
    if (!duplicate.isEmpty()) why.append(" duplicate ").append(first(duplicate)).append(';');
    throw new DaNodeRefusal(Reason.WRONG_SHARE, why.substring(0, why.length() - 1));
  }

  private static String first(Collection<CellId> ids) {
    List<String> out = new ArrayList<>();
    for (CellId id : ids) {
      if (out.size() == LISTED) {
        out.add("... (" + ids.size() + " in all)");
        break;
      }
      out.add(id.toString());
    }
    return String.join(", ", out);
  }

  /** The header of {@code blobId}, if held. */
  public Optional<BlobHeader> header(Bytes32 blobId) {
    return store.blob(blobId).map(CellStore.StoredBlob::header);
  }

  /**
   * The cells among {@code ids} that this node holds, with their proofs, in request order.
   *
   * @throws DaNodeRefusal when more ids are asked for than the node serves at once
   */
  public List<Cell> cells(Bytes32 blobId, List<CellId> ids) {
    if (ids.size() > limits.maxIdsPerRequest()) {
      throw new DaNodeRefusal(
          Reason.MALFORMED,
          ids.size()
              + " cell ids asked for; this node serves at most "
              + limits.maxIdsPerRequest()
              + " per request");
    }
    return store.cells(blobId, ids);
  }

  /** Deletes the blobs of epochs before {@code current - retention}; returns how many. */
  public int prune() {
    long cutoff = chain.currentEpoch() - limits.retentionEpochs();
    List<Bytes32> old = store.blobsBefore(cutoff);
    for (Bytes32 id : old) store.delete(id);
    return old.size();
  }

  private void pruneLogged() {
    int n = prune();
    if (n > 0)
      LOG.info("deleted {} blob(s) past the {}-epoch retention", n, limits.retentionEpochs());
  }

  /** Stops pruning (the store is the caller's to close). */
  @Override
  public void close() {
    pruning.cancel();
  }
}

package io.levity.da.client;

import io.levity.core.bytes.Bytes32;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.CellVerifier;
import io.levity.da.node.DaNodeException;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a blob's header and cells from its quorum, trusting nothing a node says: the header must
 * hash to the blob id, every cell must be one that was asked for and its proof must hold against
 * the header. A node that returns a bad cell is named.
 */
final class CellFetcher {
  private final DaNodeTransport transport;
  private final int perRequest;

  CellFetcher(DaNodeTransport transport, int perRequest) {
    this.transport = transport;
    this.perRequest = perRequest;
  }

  /** What one node returned: its verified cells, the ids it failed on, and why. */
  record Fetched(QuorumMember member, List<Cell> good, List<CellId> bad, List<CellId> missing) {
    String problem() {
      if (!bad.isEmpty()) return bad.size() + " cell(s) whose proof fails, e.g. " + bad.get(0);
      if (!missing.isEmpty()) return missing.size() + " cell(s) not served, e.g. " + missing.get(0);
      return null;
    }
  }

  /** The header of {@code id} from the first member that returns one hashing to it. */
  BlobHeader header(Quorum quorum, Bytes32 id, long maxBlob) {
    List<String> tried = new ArrayList<>();
    for (QuorumMember m : quorum.members()) {
      try {
        BlobHeader h = transport.header(m.endpoint(), id);
        if (h.id().equals(id) && h.length() <= maxBlob) return h;
        tried.add("node " + m.index() + " returned a header of another blob");
      } catch (DaNodeException | RuntimeException e) {
        tried.add("node " + m.index() + ": " + e.getMessage());
      }
    }
    throw new IllegalStateException(
        "no DA node of epoch "
            + quorum.epoch()
            + " returned the header of "
            + id.toHex()
            + " ("
            + String.join("; ", tried)
            + ")");
  }

  /**
   * Asks {@code member} for {@code ids} in chunks, verifying each; a node that cannot be reached
   * gives every id as missing and the error.
   */
  Fetched fetch(QuorumMember member, Bytes32 id, BlobHeader header, List<CellId> ids)
      throws DaNodeException {
    List<Cell> good = new ArrayList<>();
    List<CellId> bad = new ArrayList<>();
    List<CellId> missing = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += perRequest) {
      List<CellId> chunk = ids.subList(from, Math.min(ids.size(), from + perRequest));
      List<Cell> got = transport.cells(member.endpoint(), id, chunk);
      Set<CellId> asked = new HashSet<>(chunk);
      Set<CellId> seen = new HashSet<>();
      List<Cell> candidates = new ArrayList<>();
      for (Cell c : got) {
        if (!asked.contains(c.id()) || !seen.add(c.id())) continue; // unasked or repeated
        candidates.add(c);
      }
      Set<CellId> invalid = new HashSet<>(CellVerifier.invalid(header, candidates));
      for (Cell c : candidates) {
        if (invalid.contains(c.id())) bad.add(c.id());
        else good.add(c);
      }
      for (CellId c : chunk) if (!seen.contains(c)) missing.add(c);
    }
    return new Fetched(member, good, bad, missing);
  }
}

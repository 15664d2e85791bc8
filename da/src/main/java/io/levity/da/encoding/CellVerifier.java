package io.levity.da.encoding;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import io.levity.core.crypto.KzgSetup;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks cells' KZG proofs against a header's commitments. When the batch fails, it is split in
 * halves and each half checked as a batch, down to single cells: a few bad cells among thousands
 * cost a few batches per bad cell instead of one check per cell. A cell, proof or commitment that
 * is not a valid encoding (c-kzg's bad arguments) fails its batch like a wrong proof.
 */
public final class CellVerifier {
  private CellVerifier() {}

  /**
   * The ids of the cells in {@code cells} whose proof does not hold against {@code header} (or
   * whose piece is not in it), in input order; empty when all hold. One batch check when all are
   * good; on failure, cell by cell to name the bad ones.
   */
  public static List<CellId> invalid(BlobHeader header, List<Cell> cells) {
    boolean[] bad = new boolean[cells.size()];
    List<Integer> inBlob = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).id().piece() < header.pieceCount()) inBlob.add(i);
      else bad[i] = true;
    }
    if (!inBlob.isEmpty()) {
      KzgSetup.ensureLoaded();
      markBad(header, cells, inBlob, bad);
    }
    List<CellId> out = new ArrayList<>();
    for (int i = 0; i < bad.length; i++) if (bad[i]) out.add(cells.get(i).id());
    return out;
  }

  private static void markBad(
      BlobHeader header, List<Cell> cells, List<Integer> group, boolean[] bad) {
    if (holds(header, cells, group)) return;
    if (group.size() == 1) {
      bad[group.get(0)] = true;
      return;
    }
    int half = group.size() / 2;
    markBad(header, cells, group.subList(0, half), bad);
    markBad(header, cells, group.subList(half, group.size()), bad);
  }

  /** Whether the cells at {@code group}'s positions all hold, checked as one batch. */
  private static boolean holds(BlobHeader header, List<Cell> cells, List<Integer> group) {
    int n = group.size();
    byte[] commitments = new byte[n * BlobLayout.G1_BYTES];
    long[] indices = new long[n];
    byte[] data = new byte[n * BlobLayout.CELL_BYTES];
    byte[] proofs = new byte[n * BlobLayout.G1_BYTES];
    for (int k = 0; k < n; k++) {
      Cell c = cells.get(group.get(k));
      byte[] commitment = header.commitments().get(c.id().piece()).unsafeArray();
      System.arraycopy(commitment, 0, commitments, k * BlobLayout.G1_BYTES, BlobLayout.G1_BYTES);
      indices[k] = c.id().index();
      System.arraycopy(
          c.data().unsafeArray(), 0, data, k * BlobLayout.CELL_BYTES, BlobLayout.CELL_BYTES);
      System.arraycopy(
          c.proof().unsafeArray(), 0, proofs, k * BlobLayout.G1_BYTES, BlobLayout.G1_BYTES);
    }
    try {
      return CKZG4844JNI.verifyCellKzgProofBatch(commitments, indices, data, proofs);
    } catch (CKZGException e) {
      // malformed points or field elements: that batch does not hold
      if (e.getError() != CKZGException.CKZGError.C_KZG_BADARGS) throw e;
      return false;
    }
  }
}

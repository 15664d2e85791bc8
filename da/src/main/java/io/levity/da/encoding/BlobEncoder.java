package io.levity.da.encoding;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CellsAndProofs;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.KzgSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Encodes a blob into its header and cells with proofs (c-kzg, EIP-7594's cell functions). The
 * piece layout is {@link PieceBytes}'s; each piece's commitment is {@code blob_to_kzg_commitment}
 * and its cells and proofs {@code compute_cells_and_kzg_proofs}. Cells 0 to 63 of a piece are the
 * piece's own bytes (the extension's first half is the blob itself).
 */
public final class BlobEncoder {
  private BlobEncoder() {}

  /**
   * Encodes {@code data}. Pieces are independent, so they run on up to {@code threads} threads.
   *
   * @throws IllegalArgumentException when {@code data} is longer than {@code maxBlob}
   */
  public static EncodedBlob encode(byte[] data, long maxBlob, int threads) {
    if (data.length > maxBlob) {
      throw new IllegalArgumentException(
          "blob of " + data.length + " bytes is past the largest blob, " + maxBlob + " bytes");
    }
    if (threads < 1) throw new IllegalArgumentException("threads " + threads + " is below 1");
    KzgSetup.ensureLoaded();
    int pieces = BlobLayout.pieceCount(data.length);
    List<Piece> encoded = new ArrayList<>(pieces);
    int workers = Math.min(threads, pieces);
    if (workers == 1) {
      for (int p = 0; p < pieces; p++) encoded.add(encodePiece(data, p));
    } else {
      encoded.addAll(inParallel(data, pieces, workers));
    }
    List<Bytes> commitments = new ArrayList<>(pieces);
    List<List<Cell>> cells = new ArrayList<>(pieces);
    for (Piece piece : encoded) {
      commitments.add(piece.commitment());
      cells.add(piece.cells());
    }
    return new EncodedBlob(new BlobHeader(data.length, commitments), List.copyOf(cells));
  }

  private static List<Piece> inParallel(byte[] data, int pieces, int workers) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "da-encode-" + next.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<Piece>> futures = new ArrayList<>(pieces);
      for (int p = 0; p < pieces; p++) {
        int piece = p;
        futures.add(pool.submit(() -> encodePiece(data, piece)));
      }
      List<Piece> out = new ArrayList<>(pieces);
      for (Future<Piece> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while encoding a blob", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("encoding a piece failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Piece encodePiece(byte[] data, int p) {
    byte[] blob = PieceBytes.pack(data, p);
    byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob);
    CellsAndProofs cp = CKZG4844JNI.computeCellsAndKzgProofs(blob);
    return new Piece(Bytes.wrap(commitment), cells(p, cp.getCells(), cp.getProofs()));
  }

  /** The cells of piece {@code p} from c-kzg's concatenated cells and proofs. */
  static List<Cell> cells(int p, byte[] cells, byte[] proofs) {
    List<Cell> out = new ArrayList<>(BlobLayout.CELLS_PER_PIECE);
    for (int i = 0; i < BlobLayout.CELLS_PER_PIECE; i++) {
      out.add(
          new Cell(
              new CellId(p, i),
              Bytes.wrap(cells, i * BlobLayout.CELL_BYTES, BlobLayout.CELL_BYTES),
              Bytes.wrap(proofs, i * BlobLayout.G1_BYTES, BlobLayout.G1_BYTES)));
    }
    return List.copyOf(out);
  }

  private record Piece(Bytes commitment, List<Cell> cells) {}
}

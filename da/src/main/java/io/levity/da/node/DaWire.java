package io.levity.da.node;

import io.levity.core.bytes.Bytes;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.node.DaNodeRefusal.Reason;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The DA node's binary bodies (all integers big-endian).
 *
 * <pre>
 *   store request (POST /da/v1/store):
 *     uint8 version (1) || uint32 header length || header.encode() || uint64 epoch
 *     || uint32 cell count || cell*
 *   cell:
 *     uint32 piece || uint8 index || data (2048) || proof (48)          = 2101 bytes
 *   cells answer (GET /da/v1/blobs/{id}/cells?ids=p:i,p:i):
 *     uint32 cell count || cell*
 *   header answer (GET /da/v1/blobs/{id}/header):
 *     header.encode()
 * </pre>
 *
 * Decoding refuses unknown versions, counts that do not match the bytes that follow and trailing
 * bytes, with {@link DaNodeRefusal} ({@link Reason#MALFORMED}) saying which.
 */
public final class DaWire {
  /** The store request's format version. */
  public static final int VERSION = 1;

  /** Bytes of one cell on the wire. */
  public static final int CELL_WIRE_BYTES = 4 + 1 + BlobLayout.CELL_BYTES + BlobLayout.G1_BYTES;

  /** What a request's framing adds to the header and cells: version, lengths, epoch, count. */
  public static final int STORE_FRAMING = 1 + 4 + 8 + 4;

  private DaWire() {}

  /**
   * The largest store request a node with blobs up to {@code maxBlob} bytes can need: every cell of
   * the largest blob (one node may hold them all) and its header.
   */
  public static long maxStoreBytes(long maxBlob) {
    long pieces = BlobLayout.pieceCount(maxBlob);
    long header = 8 + 4 + pieces * BlobLayout.G1_BYTES;
    return STORE_FRAMING + header + pieces * BlobLayout.CELLS_PER_PIECE * CELL_WIRE_BYTES;
  }

  /** Encodes a store request. */
  public static byte[] encodeStore(StoreRequest r) {
    byte[] header = r.header().encode();
    ByteBuffer b =
        ByteBuffer.allocate(STORE_FRAMING + header.length + r.cells().size() * CELL_WIRE_BYTES);
    b.put((byte) VERSION).putInt(header.length).put(header).putLong(r.epoch());
    putCells(b, r.cells());
    return b.array();
  }

  /** Decodes a store request (the header checked against nothing but its own rules). */
  public static StoreRequest decodeStore(byte[] body) {
    try {
      ByteBuffer b = ByteBuffer.wrap(body);
      int version = b.get() & 0xff;
      if (version != VERSION) {
        throw malformed("store request version " + version + ", this node reads " + VERSION);
      }
      int headerLength = b.getInt();
      if (headerLength < 0 || headerLength > b.remaining()) {
        throw malformed("header length " + headerLength + " is past the end of the body");
      }
      byte[] header = new byte[headerLength];
      b.get(header);
      BlobHeader h = BlobHeader.decode(header, Long.MAX_VALUE);
      long epoch = b.getLong();
      return new StoreRequest(h, epoch, getCells(b));
    } catch (BufferUnderflowException e) {
      throw malformed("store request truncated (" + body.length + " bytes)");
    } catch (IllegalArgumentException e) {
      throw malformed("bad store request: " + e.getMessage());
    }
  }

  /** Encodes a cells answer. */
  public static byte[] encodeCells(List<Cell> cells) {
    ByteBuffer b = ByteBuffer.allocate(4 + cells.size() * CELL_WIRE_BYTES);
    putCells(b, cells);
    return b.array();
  }

  /** Decodes a cells answer. */
  public static List<Cell> decodeCells(byte[] body) {
    try {
      return getCells(ByteBuffer.wrap(body));
    } catch (BufferUnderflowException e) {
      throw malformed("cells answer truncated (" + body.length + " bytes)");
    } catch (IllegalArgumentException e) {
      throw malformed("bad cells answer: " + e.getMessage());
    }
  }

  /** The {@code ids} query value: {@code p:i,p:i}. */
  public static String formatIds(List<CellId> ids) {
    StringBuilder s = new StringBuilder();
    for (CellId id : ids) {
      if (!s.isEmpty()) s.append(',');
      s.append(id.piece()).append(':').append(id.index());
    }
    return s.toString();
  }

  /** Parses {@link #formatIds}, refusing more than {@code max} ids before parsing them. */
  public static List<CellId> parseIds(String value, int max) {
    if (value == null || value.isEmpty()) throw malformed("no cell ids: add ?ids=piece:index,...");
    String[] parts = value.split(",", max + 1);
    if (parts.length > max) {
      throw malformed("more than " + max + " cell ids asked for; this node serves at most " + max);
    }
    List<CellId> ids = new ArrayList<>(parts.length);
    for (String p : parts) {
      int colon = p.indexOf(':');
      try {
        if (colon < 0) throw new NumberFormatException("no ':'");
        ids.add(
            new CellId(
                Integer.parseInt(p.substring(0, colon)), Integer.parseInt(p.substring(colon + 1))));
      } catch (IllegalArgumentException e) {
        throw malformed("'" + p + "' is not a cell id piece:index (" + e.getMessage() + ")");
      }
    }
    return ids;
  }

  private static void putCells(ByteBuffer b, List<Cell> cells) {
    b.putInt(cells.size());
    for (Cell c : cells) {
      b.putInt(c.id().piece()).put((byte) c.id().index());
      b.put(c.data().unsafeArray(), 0, c.data().size());
      b.put(c.proof().unsafeArray(), 0, c.proof().size());
    }
  }

  private static List<Cell> getCells(ByteBuffer b) {
    int count = b.getInt();
    if (count < 0 || (long) count * CELL_WIRE_BYTES != b.remaining()) {
      throw malformed(
          count
              + " cells announced but "
              + b.remaining()
              + " bytes follow ("
              + CELL_WIRE_BYTES
              + " per cell)");
    }
    List<Cell> cells = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      CellId id = new CellId(b.getInt(), b.get() & 0xff);
      byte[] data = new byte[BlobLayout.CELL_BYTES];
      byte[] proof = new byte[BlobLayout.G1_BYTES];
      b.get(data).get(proof);
      cells.add(new Cell(id, Bytes.wrap(data), Bytes.wrap(proof)));
    }
    return cells;
  }

  private static DaNodeRefusal malformed(String message) {
    return new DaNodeRefusal(Reason.MALFORMED, message);
  }
}

package io.levity.da.node;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.util.List;

/** How a client reaches a DA node (HTTP in production, in process in unit tests). */
public interface DaNodeTransport {
  /** Sends {@code request} to the node at {@code endpoint}; returns its BLS signature. */
  BlsSignature store(String endpoint, StoreRequest request) throws DaNodeException;

  /** The header of {@code blobId} as the node stored it (the caller checks its id). */
  BlobHeader header(String endpoint, Bytes32 blobId) throws DaNodeException;

  /**
   * The requested cells with their proofs; the node returns those it holds, in request order, and
   * leaves out the others (the caller verifies every proof).
   */
  List<Cell> cells(String endpoint, Bytes32 blobId, List<CellId> ids) throws DaNodeException;
}

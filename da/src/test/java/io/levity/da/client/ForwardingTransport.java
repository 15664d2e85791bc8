package io.levity.da.client;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.node.DaNodeException;
import io.levity.da.node.DaNodeTransport;
import io.levity.da.node.StoreRequest;
import java.util.List;

/** A transport that passes everything to another; tests override what a misbehaving node does. */
class ForwardingTransport implements DaNodeTransport {
  private final DaNodeTransport inner;

  ForwardingTransport(DaNodeTransport inner) {
    this.inner = inner;
  }

  @Override
  public BlsSignature store(String endpoint, StoreRequest request) throws DaNodeException {
    return inner.store(endpoint, request);
  }

  @Override
  public BlobHeader header(String endpoint, Bytes32 blobId) throws DaNodeException {
    return inner.header(endpoint, blobId);
  }

  @Override
  public List<Cell> cells(String endpoint, Bytes32 blobId, List<CellId> ids)
      throws DaNodeException {
    return inner.cells(endpoint, blobId, ids);
  }
}

package io.levity.da.node;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.encoding.BlobHeader;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link DaNodeTransport} that calls {@link DaNodeService}s in this process by endpoint, with the
 * HTTP adapter's status for each refusal; a node can be taken down and brought back. For running a
 * whole DA layer in one process (tests, simulations).
 */
public final class InProcessDaNodes implements DaNodeTransport {
  private final Map<String, DaNodeService> nodes = new ConcurrentHashMap<>();
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  /** Serves {@code service} at {@code endpoint}. */
  public void add(String endpoint, DaNodeService service) {
    nodes.put(endpoint, service);
  }

  /** Makes {@code endpoint} unreachable (or reachable again). */
  public void setDown(String endpoint, boolean isDown) {
    if (isDown) down.add(endpoint);
    else down.remove(endpoint);
  }

  private DaNodeService node(String endpoint) throws DaNodeException {
    DaNodeService s = nodes.get(endpoint);
    if (s == null || down.contains(endpoint))
      throw new DaNodeException(0, endpoint + ": connection refused", null);
    return s;
  }

  @Override
  public BlsSignature store(String endpoint, StoreRequest request) throws DaNodeException {
    try {
      return node(endpoint).store(request);
    } catch (DaNodeRefusal r) {
      throw new DaNodeException(r.reason().status(), endpoint + ": " + r.getMessage(), r);
    }
  }

  @Override
  public BlobHeader header(String endpoint, Bytes32 blobId) throws DaNodeException {
    return node(endpoint)
        .header(blobId)
        .orElseThrow(() -> new DaNodeException(404, endpoint + ": unknown blob " + blobId, null));
  }

  @Override
  public List<Cell> cells(String endpoint, Bytes32 blobId, List<CellId> ids)
      throws DaNodeException {
    try {
      return node(endpoint).cells(blobId, ids);
    } catch (DaNodeRefusal r) {
      throw new DaNodeException(r.reason().status(), endpoint + ": " + r.getMessage(), r);
    }
  }
}

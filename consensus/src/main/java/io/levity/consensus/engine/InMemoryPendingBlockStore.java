package io.levity.consensus.engine;

import io.levity.consensus.types.ConsensusBlock;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block store that lives as long as the object: for tests and the simulator, where it outlives
 * "crashes".
 */
public final class InMemoryPendingBlockStore implements PendingBlockStore {
  private final Map<Bytes32, ConsensusBlock> blocks = new LinkedHashMap<>();

  @Override
  public void save(ConsensusBlock b) {
    blocks.put(b.id(), b);
  }

  @Override
  public void discard(Collection<Bytes32> ids) {
    for (Bytes32 id : ids) blocks.remove(id);
  }

  /** For the host: the block was committed and is in the ledger now. */
  public void committed(Bytes32 id) {
    blocks.remove(id);
  }

  @Override
  public List<ConsensusBlock> load() {
    return new ArrayList<>(blocks.values());
  }

  public int size() {
    return blocks.size();
  }
}

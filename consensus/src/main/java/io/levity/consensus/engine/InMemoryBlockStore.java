package io.levity.consensus.engine;

import io.levity.consensus.types.Block;
import io.levity.core.bytes.Bytes32;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A block store that lives as long as the object: for tests and the simulator, where it outlives "crashes". */
public final class InMemoryBlockStore implements BlockStore {
  private final Map<Bytes32, Block> blocks = new LinkedHashMap<>();

  @Override
  public void save(Block b) {
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
  public List<Block> load() {
    return new ArrayList<>(blocks.values());
  }

  public int size() {
    return blocks.size();
  }
}

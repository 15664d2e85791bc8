package io.levity.storage.client;

import io.levity.storage.chain.Submission;
import java.util.List;

/**
 * The state of every shard of a file, as found by asking the nodes and verifying what they hold.
 */
public record FileStatus(Submission submission, List<ShardState> shards) {
  public FileStatus {
    shards = List.copyOf(shards);
  }

  public long count(ShardState.Health h) {
    return shards.stream().filter(s -> s.health() == h).count();
  }

  /** Whether at least k shards are present, so the file can be downloaded. */
  public boolean readable() {
    return count(ShardState.Health.PRESENT) >= submission.dataShards();
  }

  /** Whether every shard is present. */
  public boolean healthy() {
    return count(ShardState.Health.PRESENT) == shards.size();
  }
}

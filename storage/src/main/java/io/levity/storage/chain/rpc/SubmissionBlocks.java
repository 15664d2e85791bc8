package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Bytes32;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The block that recorded each file, from the registry's FileSubmitted events. The events are read
 * once, from where the last read stopped to the head, and kept: a file's submission block never
 * changes. Thread-safe.
 */
final class SubmissionBlocks {
  private final RegistryReads reads;
  private final long range;
  private final Map<Bytes32, Long> blocks = new HashMap<>();
  private long scannedTo = -1;

  SubmissionBlocks(RegistryReads reads, long range) {
    this.reads = reads;
    this.range = range;
  }

  /** The block of {@code fileRoot}'s submission; empty when no event names it up to the head. */
  synchronized OptionalLong blockOf(Bytes32 fileRoot) {
    if (!blocks.containsKey(fileRoot)) {
      long head = reads.head();
      if (head > scannedTo) {
        reads.submissionBlocks(scannedTo + 1, head, range, blocks);
        scannedTo = head;
      }
    }
    Long block = blocks.get(fileRoot);
    return block == null ? OptionalLong.empty() : OptionalLong.of(block);
  }
}

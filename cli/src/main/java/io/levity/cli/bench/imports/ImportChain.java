package io.levity.cli.bench.imports;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Genesis;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The blocks a validator is given, built offline: the genesis, then segments of blocks, each block
 * as the exact inputs of {@code ChainExecutor.executeAndStore} (the encoded payload and the
 * consensus block id) with the hash and state root the builder got for it.
 */
record ImportChain(Genesis genesis, List<Segment> segments) {
  static final long CHAIN_ID = 1337;
  static final UInt256 PRIORITY_FEE = UInt256.valueOf(1_000_000_000L);
  static final UInt256 MAX_FEE = UInt256.valueOf(100_000_000_000L);
  static final UInt256 BASE_FEE = UInt256.valueOf(1_000_000_000L);
  static final UInt256 SENDER_BALANCE = UInt256.valueOf(BigInteger.TEN.pow(27));

  ImportChain {
    segments = List.copyOf(segments);
  }

  /**
   * One block's validator inputs and what building it gave.
   *
   * @param payload the encoded consensus payload: timestamp, coinbase, raw transactions
   */
  record Block(
      Bytes payload,
      Bytes32 consensusId,
      Bytes32 hash,
      Bytes32 stateRoot,
      int transactions,
      long gasUsed) {}

  /**
   * Consecutive blocks of one workload ({@code workload} empty: the unmeasured setup); the warm-up
   * blocks are imported before the measured ones and not timed.
   */
  record Segment(Optional<ImportWorkload> workload, List<Block> warmup, List<Block> measured) {
    Segment {
      warmup = List.copyOf(warmup);
      measured = List.copyOf(measured);
    }

    String name() {
      return workload.map(w -> w.label).orElse("setup");
    }

    long measuredTransactions() {
      return measured.stream().mapToLong(Block::transactions).sum();
    }

    long measuredGas() {
      return measured.stream().mapToLong(Block::gasUsed).sum();
    }
  }
}

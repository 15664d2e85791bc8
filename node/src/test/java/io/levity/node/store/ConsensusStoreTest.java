package io.levity.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.engine.Equivocation;
import io.levity.consensus.message.ConsensusMessage.Proposal;
import io.levity.consensus.message.ConsensusMessage.Vote;
import io.levity.consensus.safety.SafetyState;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.DecodeLimits;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.trie.KeyValueStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consensus state survives closing and reopening the RocksDB it lives in. */
class ConsensusStoreTest {
  @TempDir Path dir;

  private final QuorumCert genesisQc = QuorumCert.genesis(ConsensusGenesis.of(1337, 1), 4);
  private final ConsensusBlock b1 =
      ConsensusBlock.create(1, 1, 0, genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 1, (byte) 2));
  private final ConsensusBlock b2 =
      ConsensusBlock.create(1, 2, 1, genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 3));

  private RocksDbBlockStore open() {
    RocksDbBlockStore s = RocksDbBlockStore.open(dir);
    s.initialize(Devnet.genesis(1337, List.of(DevAccounts.dev(1).get(0).address()), 1));
    return s;
  }

  private static Vote vote(long round, int voter, byte blockId) {
    byte[] raw = new byte[32];
    raw[0] = blockId;
    return new Vote(
        new VoteData(1, round, 1, Bytes32.wrap32(raw), Bytes32.ZERO, 0),
        voter,
        Bytes.wrap(new byte[64]));
  }

  @Test
  void equivocationEvidenceSurvivesAReopenWithinItsLimits() {
    Equivocation votes = new Equivocation(vote(5, 2, (byte) 1), vote(5, 2, (byte) 2));
    ConsensusBlock b1prime =
        ConsensusBlock.create(1, 1, 0, genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 9));
    Equivocation proposals =
        new Equivocation(
            new Proposal(b1, Optional.empty(), Bytes.wrap(new byte[64])),
            new Proposal(b1prime, Optional.empty(), Bytes.wrap(new byte[64])));
    try (RocksDbBlockStore chain = open()) {
      EvidenceStore ev = new ConsensusStore(chain, DecodeLimits.DEFAULT).evidence();
      assertThat(ev.all()).isEmpty();
      assertThat(ev.save(votes)).isEqualTo(EvidenceStore.Saved.STORED);
      assertThat(ev.save(proposals)).isEqualTo(EvidenceStore.Saved.STORED);
      assertThat(ev.save(votes)).isEqualTo(EvidenceStore.Saved.ALREADY_KNOWN);
    }
    try (RocksDbBlockStore chain = open()) {
      EvidenceStore ev = new ConsensusStore(chain, DecodeLimits.DEFAULT).evidence();
      assertThat(ev.all()).containsExactly(votes, proposals);
      for (long r = 6; r < 6 + EvidenceStore.PER_VALIDATOR - 1; r++)
        assertThat(ev.save(new Equivocation(vote(r, 2, (byte) 1), vote(r, 2, (byte) 2))))
            .isEqualTo(EvidenceStore.Saved.STORED);
      assertThat(ev.save(new Equivocation(vote(99, 2, (byte) 1), vote(99, 2, (byte) 2))))
          .as("a validator cannot fill our disk")
          .isEqualTo(EvidenceStore.Saved.LIMIT_REACHED);
      assertThat(ev.size()).isEqualTo(EvidenceStore.PER_VALIDATOR + 1);
    }
  }

  @Test
  void safetyStateAndPendingBlocksSurviveAReopen() {
    SafetyState state = new SafetyState(1, 7, 9, 6, genesisQc, Optional.empty());
    try (RocksDbBlockStore chain = open()) {
      ConsensusStore cs = new ConsensusStore(chain, DecodeLimits.DEFAULT);
      assertThat(cs.safety().load()).isEmpty();
      cs.safety().save(state);
      cs.pendingBlocks().save(b1);
      cs.pendingBlocks().save(b2);
      cs.pendingBlocks().discard(List.of(b1.id()));
    }
    try (RocksDbBlockStore chain = open()) {
      ConsensusStore cs = new ConsensusStore(chain, DecodeLimits.DEFAULT);
      assertThat(cs.safety().load()).contains(state);
      assertThat(cs.pendingBlocks().load()).extracting(ConsensusBlock::id).containsExactly(b2.id());
    }
  }

  @Test
  void aLedgerEntryIsReadBackByHeightAndIdAndLeavesThePendingSet() {
    try (RocksDbBlockStore chain = open()) {
      ConsensusStore cs = new ConsensusStore(chain, DecodeLimits.DEFAULT);
      cs.pendingBlocks().save(b1);
      try (KeyValueStore.WriteBatch batch = chain.keyValueStore().newBatch()) {
        cs.ledgerEntry(batch, b1, genesisQc);
        batch.write();
      }
      assertThat(cs.entry(1)).map(e -> e.block().id()).contains(b1.id());
      assertThat(cs.block(b1.id()))
          .map(ConsensusBlock::encoding)
          .hasValueSatisfying(e -> assertThat(e).isEqualTo(b1.encoding()));
      assertThat(cs.idAt(1)).contains(b1.id());
      assertThat(cs.pendingBlocks().load()).isEmpty();
      assertThat(cs.entry(2)).isEmpty();
      assertThat(cs.tip()).as("the tip follows the execution head, still at genesis").isEmpty();
    }
  }
}

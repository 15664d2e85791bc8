package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.crypto.Ed25519Scheme;
import io.levity.consensus.engine.CommitVerifier;
import io.levity.consensus.engine.EngineConfig;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.ConsensusGenesis;
import io.levity.consensus.types.QuorumCert;
import io.levity.consensus.types.SignerBitmap;
import io.levity.consensus.types.Validator;
import io.levity.consensus.types.ValidatorSet;
import io.levity.consensus.types.VoteData;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.node.store.ConsensusStore;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch from a peer is imported only up to a block a valid certificate commits: these are the
 * ways a lying or broken peer's batch must be refused. (Valid batches are exercised end to end by
 * ValidatorNodeIT.)
 */
class SyncBatchesTest {
  private static final long CHAIN = 1337;
  private final List<Ed25519.KeyPair> keys = Devnet.validatorKeys(4);
  private final ValidatorSet set =
      new ValidatorSet(
          ValidatorConfig.CONSENSUS_EPOCH,
          keys.stream().map(k -> new Validator(Bytes.of(k.publicKey()), 1)).toList());
  private final CommitVerifier verifier =
      new CommitVerifier(EngineConfig.defaults(CHAIN), set, Ed25519Scheme.INSTANCE);
  private final QuorumCert genesisQc = QuorumCert.genesis(ConsensusGenesis.of(CHAIN, 1), 4);

  /**
   * A chain of {@code n} blocks on the epoch's genesis, one round each, with forged (unsigned)
   * certificates.
   */
  private List<ConsensusBlock> chain(int n) {
    List<ConsensusBlock> out = new ArrayList<>();
    QuorumCert parent = genesisQc;
    for (int i = 1; i <= n; i++) {
      ConsensusBlock b =
          ConsensusBlock.create(1, i, i % 4, parent, 0, Bytes32.ZERO, Bytes.of((byte) i));
      out.add(b);
      parent = forgedQc(b);
    }
    return out;
  }

  private static QuorumCert forgedQc(ConsensusBlock b) {
    BitSet signers = new BitSet();
    signers.set(0, 3);
    return new QuorumCert(
        VoteData.of(b), SignerBitmap.of(4, signers), Bytes.wrap(new byte[3 * 64]));
  }

  /** The "commit proof" of block b: a forged QC over a child in the next round. */
  private QuorumCert commitOf(ConsensusBlock b) {
    ConsensusBlock child =
        ConsensusBlock.create(1, b.round() + 1, 0, forgedQc(b), 0, Bytes32.ZERO, Bytes.EMPTY);
    return forgedQc(child);
  }

  @Test
  void refusesABatchThatDoesNotStartAtTheTip() {
    List<ConsensusBlock> c = chain(3);
    List<ConsensusStore.Entry> batch =
        List.of(new ConsensusStore.Entry(c.get(1), commitOf(c.get(1))));
    SyncBatches.Verified v = SyncBatches.verify(verifier, verifier.genesisId(), 0, batch);
    assertThat(v.count()).isZero();
    assertThat(v.refused())
        .hasValueSatisfying(r -> assertThat(r).contains("height 2 where 1 was due"));
  }

  @Test
  void refusesABatchWhoseBlocksDoNotLink() {
    List<ConsensusBlock> a = chain(2);
    ConsensusBlock stranger =
        ConsensusBlock.create(
            1, 2, 2, genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 9)); // height 1 again
    List<ConsensusStore.Entry> batch =
        List.of(
            new ConsensusStore.Entry(a.get(0), commitOf(a.get(0))),
            new ConsensusStore.Entry(stranger, commitOf(stranger)));
    assertThat(SyncBatches.verify(verifier, verifier.genesisId(), 0, batch).refused()).isPresent();
  }

  @Test
  void refusesABatchWithoutACommitProofOrWithAForgedOne() {
    List<ConsensusBlock> c = chain(2);
    // Certificates that do not name the block they come with as the committed parent prove nothing
    // about it.
    ConsensusBlock elsewhere =
        ConsensusBlock.create(1, 7, 3, genesisQc, 0, Bytes32.ZERO, Bytes.of((byte) 7));
    List<ConsensusStore.Entry> noProof =
        List.of(
            new ConsensusStore.Entry(c.get(0), forgedQc(elsewhere)),
            new ConsensusStore.Entry(c.get(1), forgedQc(c.get(1))));
    assertThat(SyncBatches.verify(verifier, verifier.genesisId(), 0, noProof).refused())
        .hasValueSatisfying(
            r -> assertThat(r).contains("no block in the batch comes with its commit proof"));
    List<ConsensusStore.Entry> forged =
        List.of(new ConsensusStore.Entry(c.get(0), commitOf(c.get(0))));
    assertThat(SyncBatches.verify(verifier, verifier.genesisId(), 0, forged).refused())
        .hasValueSatisfying(r -> assertThat(r).contains("does not verify"));
  }
}

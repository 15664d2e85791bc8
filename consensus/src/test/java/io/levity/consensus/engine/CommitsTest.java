package io.levity.consensus.engine;

import static io.levity.consensus.engine.Harness.only;
import static io.levity.consensus.engine.Harness.sent;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.consensus.TestNet;
import io.levity.consensus.message.ConsensusMessage.BlockRequest;
import io.levity.consensus.types.BlockRef;
import io.levity.consensus.types.ConsensusBlock;
import io.levity.consensus.types.QuorumCert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit rule alone, on a real block tree, an in-memory ledger and an outbox. */
class CommitsTest {
  private final TestNet net = new TestNet(4);
  private final ConsensusBlock b1 = net.block(1, net.genesisQc, "b1");
  private final ConsensusBlock b2 = net.block(2, net.qc(b1), "b2");
  private final QuorumCert qc2 = net.qc(b2);
  private final EngineConfig cfg = EngineConfig.defaults(TestNet.CHAIN_ID);
  private final Outbox out = new Outbox(0);
  private final EngineContext ctx =
      new EngineContext(
          cfg, net.validators, 0, new MessageVerifier(cfg, net.validators, net.scheme), out);
  private final InMemoryLedger ledger = new InMemoryLedger();

  private Blocks blocksAbove(BlockRef root, ConsensusBlock... tree) {
    Blocks blocks = new Blocks(ctx, root, new InMemoryPendingBlockStore(), ledger);
    for (ConsensusBlock b : tree) blocks.insertChain(b, x -> {});
    return blocks;
  }

  @Test
  void aCertifiedChildInTheNextRoundCommitsItsParent() {
    Blocks blocks = blocksAbove(net.genesis.ref(), b1, b2);
    Commits commits = new Commits(blocks, ledger, out);
    commits.certified(b2.parentQc(), 1); // certifies b1, whose parent is genesis: nothing to commit
    commits.tryCommit();
    assertThat(out.drain()).isEmpty();
    commits.certified(qc2, 2);
    commits.tryCommit();
    assertThat(only(out.drain(), Action.Commit.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.block()).isEqualTo(b1);
              assertThat(c.proof()).isEqualTo(qc2);
            });
    assertThat(blocks.root()).isEqualTo(b1.ref());
    assertThat(out.stats().count(EngineStats.Counter.BLOCKS_COMMITTED)).isEqualTo(1);
  }

  @Test
  void missingBlocksAreFetchedFromWhoeverSentTheCertificate() {
    Commits commits = new Commits(blocksAbove(net.genesis.ref()), ledger, out);
    commits.certified(qc2, 3);
    commits.tryCommit();
    List<Action> a = out.drain();
    assertThat(sent(a, BlockRequest.class))
        .extracting(BlockRequest::blockId)
        .containsExactly(b2.id(), b1.id());
    assertThat(only(a, Action.Send.class)).allSatisfy(s -> assertThat(s.to()).isEqualTo(3));
    assertThat(only(a, Action.Commit.class)).isEmpty();
  }

  @Test
  void aCommitCertificateAgainstOurLedgerRaisesTheAlarm() {
    ConsensusBlock other = net.block(1, net.genesisQc, "other");
    ledger.append(other, net.qc(other));
    Commits commits = new Commits(blocksAbove(other.ref()), ledger, out);
    commits.certified(qc2, 2); // certifies b2, committing b1 where we committed another block
    assertThat(only(out.drain(), Action.Alarm.class))
        .singleElement()
        .satisfies(x -> assertThat(x.kind()).isEqualTo(Action.Alarm.Kind.CONFLICTING_COMMIT));
  }
}

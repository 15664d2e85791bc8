package io.levity.compute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.tensor.Kernels;
import io.levity.compute.audit.AuditException;
import io.levity.compute.audit.ChatReexecutor;
import io.levity.compute.audit.LeafJudge;
import io.levity.compute.audit.LeafVerdict;
import io.levity.compute.audit.ModelCatalog;
import io.levity.compute.audit.Reexecutor;
import io.levity.core.bytes.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Batch bundles rebuild their batch's root (and refuse leaves out of order or with wrong totals),
 * and the auditor's judge agrees with the contract: what it calls an immediate fault, a challenge
 * voids for that fault; what re-execution reproduces is right, anything else wrong.
 */
class LeafJudgeTest {
  final MarketFixture f = new MarketFixture();

  /** The fixture's request hash covers "prompt N", its response hash "answer N". */
  static Bytes body(long nonce) {
    return Bytes.wrap(("prompt " + nonce).getBytes(StandardCharsets.UTF_8));
  }

  static final Reexecutor HONEST =
      (r, body) -> new String(body.toArray(), StandardCharsets.UTF_8).replace("prompt", "answer");

  BatchBundle bundle(List<InferenceReceipt> receipts) {
    ReceiptBatch b = ReceiptBatch.of(receipts);
    List<Bytes> bodies = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (InferenceReceipt r : b.receipts()) {
      bodies.add(body(r.nonce()));
      texts.add("answer " + r.nonce());
    }
    return BatchBundle.of(b, bodies, texts);
  }

  @Test
  void aBundleRoundTripsAndRebuildsItsRootButNotWhenALeafIsAltered() {
    BatchBundle b = bundle(f.receipts(f.alice, 1, 5)).withBatchId(7);
    BatchBundle back = BatchBundle.fromBytes(b.toBytes());
    assertThat(back).isEqualTo(b);
    assertThat(back.batch().root()).isEqualTo(b.root());
    assertThat(back.leaves()).allMatch(l -> l.requestMatches() && l.responseMatches());

    List<BatchBundle.Leaf> swapped = new ArrayList<>(b.leaves());
    swapped.set(0, b.leaves().get(1));
    swapped.set(1, b.leaves().get(0));
    assertThatThrownBy(() -> new BatchBundle(7, b.root(), swapped).batch())
        .isInstanceOf(IllegalArgumentException.class);
    List<BatchBundle.Leaf> total = new ArrayList<>(b.leaves());
    BatchBundle.Leaf l = total.get(2);
    total.set(
        2,
        new BatchBundle.Leaf(
            l.receipt(), l.cumulativeFee().add(BigInteger.ONE), l.requestBody(), l.responseText()));
    assertThatThrownBy(() -> new BatchBundle(7, b.root(), total).batch())
        .isInstanceOf(IllegalArgumentException.class);
    BatchBundle otherRoot = new BatchBundle(7, bundle(f.receipts(f.bob, 1, 5)).root(), b.leaves());
    assertThatThrownBy(otherRoot::batch).hasMessageContaining("rebuild root");
  }

  @Test
  void reexecutionSaysRightWrongOrCannotTell() {
    f.registerProvider();
    f.fundUser(f.alice, MarketFixture.ETHER);
    BatchBundle b = bundle(f.receipts(f.alice, 1, 3));
    MarketState.Batch onChain = f.batch(f.submit(b.batch()));
    LeafJudge honest = new LeafJudge(f.domain(), HONEST);
    for (BatchBundle.Leaf l : b.leaves())
      assertThat(honest.judge(f.service, onChain, l)).isInstanceOf(LeafVerdict.Right.class);

    LeafJudge other = new LeafJudge(f.domain(), (r, body) -> "another answer");
    assertThat(other.judge(f.service, onChain, b.leaves().get(0)))
        .isInstanceOf(LeafVerdict.Wrong.class);

    LeafJudge failing =
        new LeafJudge(
            f.domain(),
            (r, body) -> {
              throw new AuditException("no such model");
            });
    assertThat(failing.judge(f.service, onChain, b.leaves().get(0)))
        .isEqualTo(new LeafVerdict.Unknown("no such model"));

    BatchBundle.Leaf l = b.leaves().get(1);
    BatchBundle.Leaf withheld =
        new BatchBundle.Leaf(l.receipt(), l.cumulativeFee(), body(99), l.responseText());
    assertThat(honest.judge(f.service, onChain, withheld)).isInstanceOf(LeafVerdict.Unknown.class);
  }

  @Test
  void whatTheJudgeCallsAnImmediateFaultAChallengeVoidsForThatFault() {
    f.registerProvider();
    f.fundUser(f.alice, MarketFixture.ETHER);
    List<InferenceReceipt> receipts = new ArrayList<>(f.receipts(f.alice, 1, 2));
    InferenceRequest q = f.request(f.alice, 3);
    InferenceResponse r = f.response(q);
    // the response signed by the user's key, not the provider's signer
    receipts.add(
        new InferenceReceipt(
            q,
            r,
            InferenceTypedData.sign(f.alice, InferenceTypedData.requestDigest(f.domain(), q)),
            InferenceTypedData.sign(f.alice, InferenceTypedData.responseDigest(f.domain(), r))));
    BatchBundle b = bundle(receipts);
    BigInteger id = f.submit(b.batch());
    MarketState.Batch onChain = f.batch(id);
    LeafJudge judge = new LeafJudge(f.domain(), HONEST);
    int bad = b.batch().indexOf(f.alice.address(), 3);
    assertThat(judge.immediate(f.service, onChain, b.leaves().get(0).receipt())).isEmpty();
    assertThat(judge.judge(f.service, onChain, b.leaves().get(bad)))
        .isEqualTo(new LeafVerdict.Immediate(MarketFault.PROVIDER_SIGNATURE));

    InferenceChain.Outcome o = f.challenge(id, b.batch().proof(bad));
    assertThat(o.ok()).as(o.describe()).isTrue();
    assertThat(o.event(InferenceMarketContract.BATCH_VOIDED).orElseThrow().longValue(2))
        .isEqualTo(MarketFault.PROVIDER_SIGNATURE.code());
  }

  @Test
  void anAgentsAnswerIsNeverCalledWrongByAnAuditorWithoutItsData() throws Exception {
    // no model is known: a re-executor that got past the agent check would fail differently
    ChatReexecutor rerun =
        new ChatReexecutor(ModelCatalog.of(List.of(), Optional.empty()), Kernels.scalar(1));
    InferenceReceipt r = f.receipts(f.alice, 1, 1).get(0);
    Bytes agentBody =
        Bytes.wrap(
            ("{\"model\":\"levity-tiny\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"levity_agent\":{\"token_id\":\"1\"}}")
                .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> rerun.rerun(r, agentBody))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("iNFT agent");
  }
}

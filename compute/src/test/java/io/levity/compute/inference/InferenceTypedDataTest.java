package io.levity.compute.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Java's digests, leaf hashes and tree against the contract's, and the receipt's durable forms. */
class InferenceTypedDataTest {
  private final MarketFixture f = new MarketFixture();

  @Test
  void digestsAgreeWithTheContract() {
    InferenceRequest q = f.request(f.alice, 7);
    InferenceResponse r = f.response(q);
    assertThat(f.view(InferenceMarketContract.DOMAIN_SEPARATOR).bytes32(0))
        .isEqualTo(f.domain().separator());
    assertThat(f.view(InferenceMarketContract.REQUEST_DIGEST, q.abiValue()).bytes32(0))
        .isEqualTo(InferenceTypedData.requestDigest(f.domain(), q));
    assertThat(f.view(InferenceMarketContract.RESPONSE_DIGEST, r.abiValue()).bytes32(0))
        .isEqualTo(InferenceTypedData.responseDigest(f.domain(), r));
    InferenceReceipt receipt = f.signed(f.alice, q, r);
    BigInteger cumulative = BigInteger.valueOf(123_456);
    assertThat(
            f.view(InferenceMarketContract.LEAF_HASH, receipt.leafAbiValue(cumulative)).bytes32(0))
        .isEqualTo(receipt.leafHash(cumulative));
  }

  @Test
  void digestsDependOnEveryField() {
    InferenceRequest q = f.request(f.alice, 7);
    Bytes32 d = InferenceTypedData.requestDigest(f.domain(), q);
    InferenceRequest other =
        new InferenceRequest(
            q.user(), q.provider(), q.requestHash(), q.maxFee(), q.nonce(), q.deadline() + 1);
    assertThat(InferenceTypedData.requestDigest(f.domain(), other)).isNotEqualTo(d);
    assertThat(
            InferenceTypedData.requestDigest(
                new InferenceTypedData.Domain(f.chain.chainId + 1, f.market), q))
        .isNotEqualTo(d);
  }

  @Test
  void signaturesRecoverTheSigner() {
    InferenceReceipt r = f.receipt(f.alice, 1);
    assertThat(
            InferenceTypedData.recover(
                InferenceTypedData.requestDigest(f.domain(), r.request()), r.userSignature()))
        .contains(f.alice.address());
    assertThat(InferenceTypedData.recover(Bytes32.ZERO, Bytes.of((byte) 1))).isEmpty();
  }

  @Test
  void everyProofLeadsToTheRootForEverySize() {
    for (int n = 1; n <= 9; n++) {
      List<Bytes32> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) leaves.add(Keccak.hash(Bytes.of((byte) n, (byte) i)));
      ReceiptTree tree = new ReceiptTree(leaves);
      assertThat(tree.depth()).isEqualTo(ReceiptTree.depth(n));
      for (int i = 0; i < n; i++) {
        assertThat(ReceiptTree.rootOf(leaves.get(i), i, tree.proof(i))).isEqualTo(tree.root());
        if (n > 1)
          assertThat(ReceiptTree.rootOf(leaves.get(i), i ^ 1, tree.proof(i)))
              .isNotEqualTo(tree.root());
      }
    }
    Bytes32 a = Keccak.hash(Bytes.of((byte) 1));
    Bytes32 b = Keccak.hash(Bytes.of((byte) 2));
    Bytes32 c = Keccak.hash(Bytes.of((byte) 3));
    assertThat(new ReceiptTree(List.of(a, b, c)).root())
        .isEqualTo(ReceiptTree.node(ReceiptTree.node(a, b), ReceiptTree.node(c, Bytes32.ZERO)));
  }

  @Test
  void batchesOrderByUserAndNonceWithRunningTotals() {
    List<InferenceReceipt> rs = new ArrayList<>(f.receipts(f.bob, 4, 3));
    rs.addAll(f.receipts(f.alice, 1, 2));
    ReceiptBatch batch = ReceiptBatch.of(rs);
    BigInteger fee = f.service.fee(MarketFixture.IN, MarketFixture.OUT);
    assertThat(batch.totals()).hasSize(2);
    for (ReceiptBatch.UserTotal t : batch.totals()) {
      long first = t.user().equals(f.alice.address()) ? 1 : 4;
      assertThat(t.firstNonce()).isEqualTo(first);
      assertThat(t.total()).isEqualTo(fee.multiply(BigInteger.valueOf(t.count())));
      int last = batch.indexOf(t.user(), t.highestNonce());
      assertThat(batch.cumulativeFee(last)).isEqualTo(t.total());
    }
    assertThat(batch.total()).isEqualTo(fee.multiply(BigInteger.valueOf(5)));
    List<InferenceReceipt> gap = List.of(f.receipt(f.alice, 1), f.receipt(f.alice, 3));
    assertThatThrownBy(() -> ReceiptBatch.of(gap)).hasMessageContaining("consecutive");
  }

  @Test
  void receiptsRoundTripThroughBytesAndJson() {
    InferenceReceipt r = f.receipt(f.alice, 9);
    assertThat(InferenceReceipt.fromBytes(r.toBytes())).isEqualTo(r);
    assertThat(InferenceReceipt.fromJson(r.toJson())).isEqualTo(r);
    assertThatThrownBy(() -> InferenceReceipt.fromJson(r.toJson().without("response")))
        .hasMessageContaining("no response");
  }
}

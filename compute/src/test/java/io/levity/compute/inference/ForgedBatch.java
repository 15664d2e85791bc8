package io.levity.compute.inference;

import io.levity.core.bytes.Bytes32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as a dishonest provider may build it: any leaves, any running totals, any per-user
 * totals, under the same tree as {@link ReceiptBatch}.
 */
record ForgedBatch(
    List<InferenceReceipt> receipts,
    List<BigInteger> cumulative,
    List<ReceiptBatch.UserTotal> totals) {
  ReceiptTree tree() {
    List<Bytes32> leaves = new ArrayList<>();
    for (int i = 0; i < receipts.size(); i++)
      leaves.add(receipts.get(i).leafHash(cumulative.get(i)));
    return new ReceiptTree(leaves);
  }

  ReceiptBatch.LeafProof proof(int i) {
    return new ReceiptBatch.LeafProof(receipts.get(i), cumulative.get(i), i, tree().proof(i));
  }

  List<Object> totalsAbi() {
    return totals.stream().map(t -> (Object) t.abiValue()).toList();
  }
}

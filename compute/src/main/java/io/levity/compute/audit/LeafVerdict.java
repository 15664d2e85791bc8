package io.levity.compute.audit;

import io.levity.compute.inference.MarketFault;
import io.levity.core.bytes.Bytes32;

/** What an auditor concluded about one leaf of a batch. */
public sealed interface LeafVerdict {
  /** Re-execution reproduced the signed response hash. */
  record Right() implements LeafVerdict {}

  /** Re-execution gave another answer than the one signed. */
  record Wrong(Bytes32 signed, Bytes32 reexecuted) implements LeafVerdict {}

  /** The leaf breaks a rule the contract checks itself: a challenge voids the batch at once. */
  record Immediate(MarketFault fault) implements LeafVerdict {}

  /** It could not be judged (body withheld or not matching its hash, model unavailable...). */
  record Unknown(String why) implements LeafVerdict {}
}

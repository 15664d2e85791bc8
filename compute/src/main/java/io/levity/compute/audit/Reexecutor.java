package io.levity.compute.audit;

import io.levity.compute.inference.InferenceReceipt;
import io.levity.core.bytes.Bytes;

/** Re-runs a receipt's request on the model its response names. */
@FunctionalInterface
public interface Reexecutor {
  /**
   * The answer text the receipt's model gives for {@code requestBody} (whose Keccak-256 the caller
   * checked against the request hash); throws {@link AuditException} when it cannot be re-run.
   */
  String rerun(InferenceReceipt receipt, Bytes requestBody);
}

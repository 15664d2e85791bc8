package io.levity.compute.audit;

import io.levity.compute.inference.BatchBundle;

/** Gets a batch's bundle from the provider that submitted it. */
@FunctionalInterface
public interface BundleFetcher {
  /**
   * The bundle of batch {@code batchId} from the provider whose registered endpoint is {@code
   * endpoint}; throws {@link AuditException} saying why when it is not served.
   */
  BatchBundle fetch(String endpoint, long batchId);
}

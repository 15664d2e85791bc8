package io.levity.compute.provider;

import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Bytes32;
import java.util.function.Function;

/**
 * The response digest the provider's signer signs: the inference market's EIP-712 Response digest
 * in {@code domain}, so that every answer's receipt signature settles and can be challenged.
 */
public record MarketResponseDigest(InferenceTypedData.Domain domain)
    implements Function<ServingResponseTerms, Bytes32> {
  @Override
  public Bytes32 apply(ServingResponseTerms t) {
    return InferenceTypedData.responseDigest(domain, response(t));
  }

  /** The market's Response for these serving terms. */
  public static InferenceResponse response(ServingResponseTerms t) {
    return new InferenceResponse(
        t.requestHash(),
        t.responseHash(),
        t.modelRoot(),
        t.inputTokens(),
        t.outputTokens(),
        t.fee(),
        t.user(),
        t.nonce());
  }
}

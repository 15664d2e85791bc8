package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What a provider's signer signs for each answer (EIP-712 type Response): the request's body hash,
 * the hash of the answer (for a stream, of everything streamed), the model root it ran, the token
 * counts and the fee they cost at the registered prices, and the request's user and nonce.
 */
public record InferenceResponse(
    Bytes32 requestHash,
    Bytes32 responseHash,
    Bytes32 modelRoot,
    long inputTokens,
    long outputTokens,
    BigInteger fee,
    Address user,
    long nonce) {
  private static final long MAX_TOKENS = 0xffff_ffffL;

  public InferenceResponse {
    Objects.requireNonNull(requestHash, "requestHash");
    Objects.requireNonNull(responseHash, "responseHash");
    Objects.requireNonNull(modelRoot, "modelRoot");
    Objects.requireNonNull(user, "user");
    if (inputTokens < 0
        || inputTokens > MAX_TOKENS
        || outputTokens < 0
        || outputTokens > MAX_TOKENS) throw new IllegalArgumentException("token counts are uint32");
    if (fee.signum() < 0) throw new IllegalArgumentException("negative fee");
  }

  /** The answer to {@code request} with these tokens, priced by {@code service}. */
  public static InferenceResponse answering(
      InferenceRequest request,
      Bytes32 responseHash,
      InferenceService service,
      long inputTokens,
      long outputTokens) {
    return new InferenceResponse(
        request.requestHash(),
        responseHash,
        service.modelRoot(),
        inputTokens,
        outputTokens,
        service.fee(inputTokens, outputTokens),
        request.user(),
        request.nonce());
  }

  /** The Response tuple. */
  public List<Object> abiValue() {
    return List.of(
        requestHash,
        responseHash,
        modelRoot,
        inputTokens,
        outputTokens,
        fee,
        user,
        BigInteger.valueOf(nonce));
  }

  static InferenceResponse fromAbi(AbiValues t) {
    return new InferenceResponse(
        t.bytes32(0),
        t.bytes32(1),
        t.bytes32(2),
        t.longValue(3),
        t.longValue(4),
        t.bigInteger(5),
        t.address(6),
        t.bigInteger(7).longValueExact());
  }
}

package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a provider registers: its service type, model (id and storage root), prices in wei per input
 * and output token, endpoint, the key that signs its responses and whether its answers can be
 * re-executed ({@code verifiable} is false for an upstream proxy).
 */
public record InferenceService(
    ServiceType type,
    String modelId,
    Bytes32 modelRoot,
    BigInteger priceIn,
    BigInteger priceOut,
    String endpoint,
    Address signer,
    boolean verifiable) {
  /** The contract's limits on the two strings, in UTF-8 bytes. */
  public static final int MAX_MODEL_ID = 128;

  public static final int MAX_ENDPOINT = 256;

  public InferenceService {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(modelRoot, "modelRoot");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(signer, "signer");
    if (priceIn.signum() < 0 || priceOut.signum() < 0)
      throw new IllegalArgumentException("negative price");
  }

  /** The fee the contract accepts for a response of these token counts. */
  public BigInteger fee(long inputTokens, long outputTokens) {
    return priceIn
        .multiply(BigInteger.valueOf(inputTokens))
        .add(priceOut.multiply(BigInteger.valueOf(outputTokens)));
  }

  /** Whether the strings fit the contract's limits. */
  public boolean withinLimits() {
    return modelId.getBytes(StandardCharsets.UTF_8).length <= MAX_MODEL_ID
        && endpoint.getBytes(StandardCharsets.UTF_8).length <= MAX_ENDPOINT;
  }

  /** The ServiceInfo tuple. */
  public List<Object> abiValue() {
    return List.of(
        type.code(), modelId, modelRoot, priceIn, priceOut, endpoint, signer, verifiable);
  }

  static InferenceService fromAbi(AbiValues t) {
    return new InferenceService(
        ServiceType.of((int) t.longValue(0)),
        t.string(1),
        t.bytes32(2),
        t.bigInteger(3),
        t.bigInteger(4),
        t.string(5),
        t.address(6),
        t.bool(7));
  }
}

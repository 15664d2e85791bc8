package io.levity.consensus.types;

/**
 * Size bounds enforced while decoding, before anything is allocated or verified: whole message,
 * payload, validators (bitmap width), one signature, blocks per sync response.
 */
public record DecodeLimits(
    int maxMessageBytes,
    int maxPayloadBytes,
    int maxValidators,
    int maxSignatureBytes,
    int maxBlocksPerResponse) {
  public static final DecodeLimits DEFAULT =
      new DecodeLimits(8 << 20, 2 << 20, ValidatorSet.MAX_VALIDATORS, 96, 64);

  public DecodeLimits {
    if (maxMessageBytes <= 0
        || maxPayloadBytes < 0
        || maxValidators <= 0
        || maxSignatureBytes <= 0
        || maxBlocksPerResponse <= 0) {
      throw new IllegalArgumentException("decode limits must be positive: " + this);
    }
  }
}

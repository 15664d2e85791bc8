package io.levity.node.p2p;

/**
 * Size limits of frames and messages. Control messages (handshake, Ping, Pong, Status, GetBlocks,
 * Disconnect) have a fixed cap of {@link P2pCodec#CONTROL_MAX_BYTES}.
 *
 * @param maxFrameBytes largest frame payload (type byte + body) accepted or sent
 * @param maxTransactionsPerMessage largest number of transactions in one {@code Transactions}
 * @param maxTransactionBytes largest single raw transaction
 * @param maxConsensusBytes largest consensus message payload
 * @param maxBlocksPerMessage largest number of blocks in one {@code Blocks}, and the largest {@code
 *     GetBlocks.max}
 * @param maxBlockBytes largest single encoded block
 */
public record MessageLimits(
    int maxFrameBytes,
    int maxTransactionsPerMessage,
    int maxTransactionBytes,
    int maxConsensusBytes,
    int maxBlocksPerMessage,
    int maxBlockBytes) {

  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

  /** No configuration may go above 1 GiB: a frame is buffered whole before it is decoded. */
  public static final int MAX_FRAME_BYTES_CAP = 1 << 30;

  public MessageLimits {
    if (maxFrameBytes < P2pCodec.CONTROL_MAX_BYTES || maxFrameBytes > MAX_FRAME_BYTES_CAP) {
      throw new IllegalArgumentException(
          "maxFrameBytes must be between "
              + P2pCodec.CONTROL_MAX_BYTES
              + " and "
              + MAX_FRAME_BYTES_CAP
              + ", got "
              + maxFrameBytes);
    }
    if (maxTransactionsPerMessage < 1
        || maxTransactionBytes < 1
        || maxConsensusBytes < 1
        || maxBlocksPerMessage < 1
        || maxBlockBytes < 1) {
      throw new IllegalArgumentException("message limits must be positive");
    }
  }

  /**
   * 16 MiB frames, 4096 transactions of up to 128 KiB, 4 MiB consensus messages, 128 blocks of up
   * to 8 MiB.
   */
  public static MessageLimits defaults() {
    return new MessageLimits(
        DEFAULT_MAX_FRAME_BYTES, 4096, 128 * 1024, 4 * 1024 * 1024, 128, 8 * 1024 * 1024);
  }

  public MessageLimits withMaxFrameBytes(int bytes) {
    return new MessageLimits(
        bytes,
        maxTransactionsPerMessage,
        maxTransactionBytes,
        maxConsensusBytes,
        maxBlocksPerMessage,
        maxBlockBytes);
  }
}

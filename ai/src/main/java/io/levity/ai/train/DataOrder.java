package io.levity.ai.train;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.ByteBuffer;

/**
 * Which window of the dataset each batch row reads: a pure function of (datasetId, seed, step,
 * row), so a run resumed at step s reads exactly the batches a continuous run reads. The offset is
 * the first 8 bytes of keccak256(datasetId || seed || step || row) (big-endian; seed and step 8
 * bytes, row 4) as an unsigned number, modulo tokens - seqLen - 1; the row reads seqLen inputs from
 * the offset and predicts the seqLen tokens one further.
 */
public final class DataOrder {
  private final Bytes32 datasetId;
  private final long seed;
  private final int seqLen;
  private final long windows;

  /** The order for a dataset of tokenCount tokens; needs at least seqLen + 2 of them. */
  public DataOrder(Bytes32 datasetId, long seed, int tokenCount, int seqLen) {
    if (datasetId == null) throw new IllegalArgumentException("datasetId is missing");
    if (seqLen < 1) throw new IllegalArgumentException("seqLen must be positive, got " + seqLen);
    if ((long) tokenCount < (long) seqLen + 2) {
      throw new IllegalArgumentException(
          "the dataset has "
              + tokenCount
              + " tokens; rows of "
              + seqLen
              + " need at least "
              + (seqLen + 2));
    }
    this.datasetId = datasetId;
    this.seed = seed;
    this.seqLen = seqLen;
    this.windows = (long) tokenCount - seqLen - 1;
  }

  /** The first input token of row row of step step's batch. */
  public int offset(long step, int row) {
    if (step < 0 || row < 0)
      throw new IllegalArgumentException("step " + step + " and row " + row + " must be >= 0");
    ByteBuffer in = ByteBuffer.allocate(32 + 8 + 8 + 4);
    in.put(datasetId.toArray()).putLong(seed).putLong(step).putInt(row);
    long draw = ByteBuffer.wrap(Keccak.hash256(in.array())).getLong();
    return (int) Long.remainderUnsigned(draw, windows);
  }

  /**
   * Fills inputs and targets, each [batchSize][seqLen], with step's batch from tokens: row r reads
   * tokens[o, o + seqLen) and predicts tokens[o + 1, o + seqLen + 1), o = offset(step, r).
   */
  public void batch(int[] tokens, long step, int batchSize, int[] inputs, int[] targets) {
    if (inputs.length != batchSize * seqLen || targets.length != inputs.length)
      throw new IllegalArgumentException("inputs and targets must hold batchSize x seqLen tokens");
    for (int r = 0; r < batchSize; r++) {
      int o = offset(step, r);
      System.arraycopy(tokens, o, inputs, r * seqLen, seqLen);
      System.arraycopy(tokens, o + 1, targets, r * seqLen, seqLen);
    }
  }
}

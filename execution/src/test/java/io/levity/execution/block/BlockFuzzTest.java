package io.levity.execution.block;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.core.rlp.RlpException;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.testing.DecoderContract;

/**
 * Fuzz targets for block and header decoding (docs/security.md, Fuzzing): any input decodes or
 * throws {@link RlpException} (or {@link InvalidTransactionException} for a transaction inside a
 * block); what decodes re-encodes to exactly the input. Seeds: {@code
 * BlockFuzzTestInputs/<method>}.
 */
class BlockFuzzTest {
  @FuzzTest
  void decodeHeader(byte[] input) throws Exception {
    DecoderContract.holds(input, BlockHeader::decode, BlockHeader::encode, RlpException.class);
  }

  @FuzzTest
  void decodeBlock(byte[] input) throws Exception {
    DecoderContract.holds(
        input, Block::decode, Block::encode, RlpException.class, InvalidTransactionException.class);
  }
}

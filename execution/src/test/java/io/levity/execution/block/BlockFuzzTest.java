package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.core.rlp.RlpException;
import io.levity.core.tx.InvalidTransactionException;

/**
 * Fuzz targets for block and header decoding (docs/security.md, Fuzzing): any input decodes or
 * throws {@link RlpException} (or {@link InvalidTransactionException} for a transaction inside a
 * block); what decodes re-encodes to exactly the input. Seeds: {@code
 * BlockFuzzTestInputs/<method>}.
 */
class BlockFuzzTest {
  @FuzzTest
  void decodeHeader(byte[] input) {
    BlockHeader header;
    try {
      header = BlockHeader.decode(input);
    } catch (RlpException e) {
      return;
    }
    assertThat(header.encode()).isEqualTo(input);
    assertThat(BlockHeader.decode(header.encode())).isEqualTo(header);
  }

  @FuzzTest
  void decodeBlock(byte[] input) {
    Block block;
    try {
      block = Block.decode(input);
    } catch (RlpException | InvalidTransactionException e) {
      return;
    }
    assertThat(block.encode()).isEqualTo(input);
    assertThat(Block.decode(block.encode())).isEqualTo(block);
  }
}

package io.levity.sdk.abi;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.core.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for the ABI (docs/security.md, Fuzzing). {@code decode}: the first input byte picks
 * a type list, the rest is ABI data; it decodes or throws {@link AbiException}, and what decodes
 * encodes canonically: decoding the encoding gives the same values, encoding them again the same
 * bytes. {@code parseDeclaration}: any declaration parses or throws {@link AbiException}. Seeds:
 * {@code AbiFuzzTestInputs/<method>} (first byte of a decode seed: the index in {@link #TYPES}).
 */
class AbiFuzzTest {
  static final List<String> TYPES =
      List.of(
          "(uint256)",
          "(int8,bool)",
          "(address,bytes)",
          "(string)",
          "(uint256[])",
          "(bytes32[2])",
          "((uint64,string)[])",
          "(string[][])",
          "(address,(bytes,int256[3]))",
          "(bytes4,uint16[],string)");

  @FuzzTest
  void decode(byte[] input) {
    if (input.length == 0) return;
    List<AbiType> types = AbiType.parseList(TYPES.get((input[0] & 0xff) % TYPES.size()));
    Bytes data = Bytes.wrap(Arrays.copyOfRange(input, 1, input.length));
    AbiValues values;
    try {
      values = AbiCodec.decode(types, data);
    } catch (AbiException e) {
      return;
    }
    Bytes canonical = AbiCodec.encode(types, values.values());
    assertThat(AbiCodec.decode(types, canonical)).isEqualTo(values);
    assertThat(AbiCodec.encode(types, values.values())).isEqualTo(canonical);
  }

  @FuzzTest
  void parseDeclaration(byte[] input) {
    String declaration = new String(input, StandardCharsets.UTF_8);
    AbiFunction f;
    try {
      f = AbiFunction.parse(declaration);
    } catch (AbiException e) {
      return;
    }
    assertThat(AbiFunction.parse(f.signature()).signature()).isEqualTo(f.signature());
  }
}

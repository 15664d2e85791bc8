package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Hex;
import org.junit.jupiter.api.Test;

class NibblesTest {
  @Test
  void hexPrefixEncodingAsInTheYellowPaper() {
    assertThat(Nibbles.compact(new byte[] {1, 2, 3, 4, 5}, false)).isEqualTo(Hex.decode("112345"));
    assertThat(Nibbles.compact(new byte[] {0, 1, 2, 3, 4, 5}, false))
        .isEqualTo(Hex.decode("00012345"));
    assertThat(Nibbles.compact(new byte[] {0, 15, 1, 12, 11, 8}, true))
        .isEqualTo(Hex.decode("200f1cb8"));
    assertThat(Nibbles.compact(new byte[] {15, 1, 12, 11, 8}, true))
        .isEqualTo(Hex.decode("3f1cb8"));
    assertThat(Nibbles.compact(new byte[0], true)).isEqualTo(Hex.decode("20"));
    for (byte[] c :
        new byte[][] {
          Hex.decode("112345"), Hex.decode("00012345"), Hex.decode("200f1cb8"), Hex.decode("20")
        }) {
      assertThat(Nibbles.compact(Nibbles.fromCompact(c), Nibbles.compactIsLeaf(c))).isEqualTo(c);
    }
  }

  @Test
  void rejectsBadHexPrefix() {
    assertThatThrownBy(() -> Nibbles.fromCompact(Hex.decode("41"))).hasMessageContaining("flag");
    assertThatThrownBy(() -> Nibbles.fromCompact(Hex.decode("01"))).hasMessageContaining("padding");
    assertThatThrownBy(() -> Nibbles.fromCompact(new byte[0])).hasMessageContaining("empty");
  }

  @Test
  void bytesAndNibbles() {
    byte[] key = Hex.decode("ab0f");
    assertThat(Nibbles.fromBytes(key)).containsExactly(10, 11, 0, 15);
    assertThat(Nibbles.at(key, 3)).isEqualTo(15);
    assertThat(Nibbles.toBytes(Nibbles.fromBytes(key))).isEqualTo(key);
    assertThat(Nibbles.compare(new byte[] {1}, new byte[] {0, 1, 2}, 1)).isNegative();
    assertThat(Nibbles.compare(new byte[] {1, 2}, new byte[] {0, 1, 2}, 1)).isZero();
  }
}

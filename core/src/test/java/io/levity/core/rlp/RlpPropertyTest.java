package io.levity.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RlpPropertyTest {
  @Provide
  Arbitrary<RlpItem> items() {
    Arbitrary<RlpItem> leaf =
        Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(1))
            .map(b -> (RlpItem) new RlpItem.Str(Bytes.of(b)));
    return Arbitraries.recursive(
        () -> leaf,
        inner -> inner.list().ofMaxSize(6).map(l -> (RlpItem) new RlpItem.Lst(l)),
        0,
        4);
  }

  @Property(tries = 500)
  void roundTrip(@ForAll("items") RlpItem item) {
    byte[] enc = Rlp.encode(item);
    assertThat(Rlp.decode(enc)).isEqualTo(item);
    assertThat(Rlp.encode(Rlp.decode(enc))).isEqualTo(enc);
  }

  @Property
  void integersRoundTrip(@ForAll long v) {
    long u = v & Long.MAX_VALUE;
    RlpReader r = new RlpReader(Rlp.encodeLong(u));
    assertThat(r.readLong()).isEqualTo(u);
    r.requireEnd();
  }

  @Property
  void topBitValuesAreRefusedAsSignedButReadAsUnsigned(@ForAll long v) {
    long u = v | Long.MIN_VALUE;
    byte[] enc = Rlp.encode(new RlpItem.Str(Bytes.wrap(uint64(u))));
    assertThatThrownBy(() -> new RlpReader(enc).readLong()).hasMessageContaining("63 bits");
    assertThat(new RlpReader(enc).readUnsignedLong()).isEqualTo(u);
  }

  private static byte[] uint64(long u) {
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) b[i] = (byte) (u >>> (56 - 8 * i));
    return b;
  }

  @Test
  void rejectsNonCanonicalForms() {
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("8100"))).hasMessageContaining("single byte");
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("b800"))).hasMessageContaining("leading zero");
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("b801aa"))).hasMessageContaining("short form");
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("8080"))).hasMessageContaining("trailing");
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("c2808080"))).hasMessageContaining("trailing");
    assertThatThrownBy(() -> Rlp.decode(Hex.decode("c38080"))).hasMessageContaining("past the end");
    assertThatThrownBy(() -> new RlpReader(Hex.decode("820001")).readLong())
        .hasMessageContaining("leading zero");
    assertThat(Rlp.decode(Hex.decode("c7c0c1c0c3c0c1c0")))
        .isEqualTo(
            new RlpItem.Lst(
                List.of(
                    new RlpItem.Lst(List.of()),
                    new RlpItem.Lst(List.of(new RlpItem.Lst(List.of()))),
                    new RlpItem.Lst(
                        List.of(
                            new RlpItem.Lst(List.of()),
                            new RlpItem.Lst(List.of(new RlpItem.Lst(List.of()))))))));
  }
}

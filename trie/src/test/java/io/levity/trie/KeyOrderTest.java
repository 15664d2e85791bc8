package io.levity.trie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KeyOrderTest {
  @Provide
  Arbitrary<List<byte[]>> keyLists() {
    // Few distinct bytes, keys up to 10 bytes: ties, shared 8-byte prefixes, zero padding vs real
    // zeros, empty keys.
    Arbitrary<byte[]> key =
        Arbitraries.of((byte) 0, (byte) 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff)
            .array(byte[].class)
            .ofMaxSize(10);
    return key.list().ofMaxSize(300);
  }

  @Property(tries = 300)
  void ordersLikeAStableSortByUnsignedBytes(@ForAll("keyLists") List<byte[]> keys) {
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) expected.add(i);
    expected.sort(Comparator.comparing(keys::get, Arrays::compareUnsigned)); // List.sort is stable
    long[] prefixes = new long[keys.size()];
    for (int i = 0; i < keys.size(); i++)
      prefixes[i] = KeyOrder.prefix(keys.get(i), 0, keys.get(i).length);
    int[] order =
        KeyOrder.of(
            prefixes, keys.size(), (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
    assertThat(order).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
  }
}

package io.levity.core.rlp;

import io.levity.core.bytes.Bytes;
import java.util.List;

/** A decoded RLP value: a byte string or a list of items. */
public sealed interface RlpItem {
  record Str(Bytes value) implements RlpItem {}

  record Lst(List<RlpItem> items) implements RlpItem {
    public Lst {
      items = List.copyOf(items);
    }
  }

  static RlpItem of(Bytes b) {
    return new Str(b);
  }

  static RlpItem list(List<RlpItem> items) {
    return new Lst(items);
  }
}

package io.levity.execution.block;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/** Copies of a header with one field changed, for tests of the rules a header must follow. */
final class TestHeaders {
  private TestHeaders() {}

  /** The header with the record component {@code field} set to {@code value}. */
  static BlockHeader with(BlockHeader h, String field, Object value) {
    RecordComponent[] components = BlockHeader.class.getRecordComponents();
    Object[] values = new Object[components.length];
    boolean found = false;
    try {
      for (int i = 0; i < components.length; i++) {
        found |= components[i].getName().equals(field);
        values[i] =
            components[i].getName().equals(field) ? value : components[i].getAccessor().invoke(h);
      }
      if (!found) throw new IllegalArgumentException("no header field " + field);
      Constructor<BlockHeader> canonical =
          BlockHeader.class.getDeclaredConstructor(
              Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}

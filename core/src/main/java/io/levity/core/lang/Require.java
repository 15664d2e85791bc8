package io.levity.core.lang;

/**
 * Argument checks for constructors of value types: {@code Require.nonNull("to", to, "value",
 * value)} in place of one {@code Objects.requireNonNull} statement per component, with the same
 * {@link NullPointerException} naming the first null one.
 */
public final class Require {
  private Require() {}

  /**
   * Checks name/value pairs in order; throws {@link NullPointerException} with the name of the
   * first null value.
   *
   * @throws IllegalArgumentException when the arguments are not name/value pairs
   */
  public static void nonNull(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0 || namesAndValues.length == 0)
      throw new IllegalArgumentException("need name/value pairs, got " + namesAndValues.length);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String name))
        throw new IllegalArgumentException("argument " + i + " must be the name of the next one");
      if (namesAndValues[i + 1] == null) throw new NullPointerException(name);
    }
  }
}

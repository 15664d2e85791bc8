package io.levity.cli.compute;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * An amount of ether as the user types it: wei ({@code 1000}), or {@code 0.5ether}, {@code 20gwei},
 * {@code 7wei}.
 */
final class WeiAmount {
  private WeiAmount() {}

  static BigInteger parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "");
    int scale = 0;
    for (String[] unit :
        new String[][] {{"ether", "18"}, {"eth", "18"}, {"gwei", "9"}, {"wei", "0"}})
      if (t.endsWith(unit[0])) {
        t = t.substring(0, t.length() - unit[0].length()).strip();
        scale = Integer.parseInt(unit[1]);
        break;
      }
    try {
      BigDecimal v = new BigDecimal(t).movePointRight(scale);
      if (v.signum() <= 0)
        throw new IllegalArgumentException("the amount must be positive: " + text);
      return v.toBigIntegerExact();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not an amount: '" + text + "' (give wei, or e.g. 0.5ether or 20gwei)");
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number of wei");
    }
  }
}

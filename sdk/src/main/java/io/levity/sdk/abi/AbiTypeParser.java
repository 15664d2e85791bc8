package io.levity.sdk.abi;

import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser of canonical ABI type names, for {@link AbiType#parse}. */
final class AbiTypeParser {
  private final String s;
  private int pos;

  AbiTypeParser(String s) {
    this.s = s;
  }

  AbiType type() {
    AbiType t = at('(') ? tuple() : base();
    while (at('[')) {
      pos++;
      int start = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) pos++;
      String digits = s.substring(start, pos);
      expect(']');
      int length;
      try {
        length = digits.isEmpty() ? -1 : Integer.parseInt(digits);
      } catch (NumberFormatException e) {
        throw fail("array length " + digits + " too large");
      }
      t = new AbiType.Array(t, length);
    }
    return t;
  }

  void end() {
    if (pos != s.length()) throw fail("unexpected '" + s.charAt(pos) + "'");
  }

  int position() {
    return pos;
  }

  private AbiType tuple() {
    expect('(');
    List<AbiType> parts = new ArrayList<>();
    if (!at(')')) {
      parts.add(type());
      while (at(',')) {
        pos++;
        parts.add(type());
      }
    }
    expect(')');
    return new AbiType.Tuple(parts);
  }

  private AbiType base() {
    int start = pos;
    while (pos < s.length() && Character.isLetterOrDigit(s.charAt(pos))) pos++;
    String name = s.substring(start, pos);
    return switch (name) {
      case "address" -> AbiType.Simple.ADDRESS;
      case "bool" -> AbiType.Simple.BOOL;
      case "bytes" -> AbiType.Simple.BYTES;
      case "string" -> AbiType.Simple.STRING;
      case "uint" -> new AbiType.Int(256, false);
      case "int" -> new AbiType.Int(256, true);
      default -> sized(name);
    };
  }

  private AbiType sized(String name) {
    for (String prefix : new String[] {"uint", "int", "bytes"}) {
      if (name.startsWith(prefix) && name.length() > prefix.length()) {
        String digits = name.substring(prefix.length());
        if (!digits.chars().allMatch(Character::isDigit) || digits.length() > 3) break;
        int n = Integer.parseInt(digits);
        return switch (prefix) {
          case "uint" -> new AbiType.Int(n, false);
          case "int" -> new AbiType.Int(n, true);
          default -> new AbiType.FixedBytes(n);
        };
      }
    }
    throw fail(name.isEmpty() ? "a type expected" : "unknown type '" + name + "'");
  }

  private boolean at(char c) {
    return pos < s.length() && s.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!at(c)) throw fail("'" + c + "' expected");
    pos++;
  }

  private AbiException fail(String problem) {
    return new AbiException("bad ABI type '" + s + "' at " + pos + ": " + problem);
  }
}

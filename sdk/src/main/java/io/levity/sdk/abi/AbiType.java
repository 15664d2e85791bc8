package io.levity.sdk.abi;

import java.util.List;

/**
 * A Solidity ABI type. Parse one from its canonical name ({@code uint256}, {@code bytes32[]},
 * {@code (address,string)[2]}) with {@link #parse}; {@code uint} and {@code int} mean their 256-bit
 * forms. Java values: integers are {@link java.math.BigInteger} when decoded (encoding also takes
 * {@code long}, {@code int} and {@link io.levity.core.num.UInt256}); {@code address} is {@link
 * io.levity.core.bytes.Address}; {@code bool} is {@link Boolean}; {@code bytesN} and {@code bytes}
 * are {@link io.levity.core.bytes.Bytes}; {@code string} is {@link String}; arrays and tuples are
 * {@link List}s.
 */
public sealed interface AbiType {
  /** The canonical name, as in a function signature. */
  String canonical();

  /** Dynamic types are encoded after the head, with an offset in it (most types are static). */
  default boolean dynamic() {
    return false;
  }

  /**
   * Bytes of the encoding in the head: 32 for dynamic types, the whole encoding for static ones
   * (one word for every type but static arrays and tuples).
   */
  default int headBytes() {
    return 32;
  }

  /**
   * {@code uint<bits>}, or {@code int<bits>} (two's complement) when {@code signed}: 8 to 256 bits
   * in steps of 8.
   */
  record Int(int bits, boolean signed) implements AbiType {
    public Int {
      if (bits < 8 || bits > 256 || bits % 8 != 0)
        throw new AbiException("integer width " + bits + ": must be 8..256 in steps of 8");
    }

    @Override
    public String canonical() {
      return (signed ? "int" : "uint") + bits;
    }
  }

  /** {@code address}, {@code bool}, {@code bytes} and {@code string}: types without parameters. */
  enum Simple implements AbiType {
    ADDRESS("address", false),
    BOOL("bool", false),
    BYTES("bytes", true),
    STRING("string", true);

    private final String name;
    private final boolean dynamic;

    Simple(String name, boolean dynamic) {
      this.name = name;
      this.dynamic = dynamic;
    }

    @Override
    public String canonical() {
      return name;
    }

    @Override
    public boolean dynamic() {
      return dynamic;
    }
  }

  /** {@code bytes<size>}, 1 to 32 bytes, left-aligned in its word. */
  record FixedBytes(int size) implements AbiType {
    public FixedBytes {
      if (size < 1 || size > 32) throw new AbiException("bytes" + size + ": size must be 1..32");
    }

    @Override
    public String canonical() {
      return "bytes" + size;
    }
  }

  /** {@code T[]} when {@code length} is -1, else {@code T[length]}. */
  record Array(AbiType element, int length) implements AbiType {
    public Array {
      if (length < -1) throw new AbiException("array length " + length);
    }

    public boolean fixedLength() {
      return length >= 0;
    }

    @Override
    public String canonical() {
      return element.canonical() + "[" + (length < 0 ? "" : Integer.toString(length)) + "]";
    }

    @Override
    public boolean dynamic() {
      return length < 0 || (length > 0 && element.dynamic());
    }

    @Override
    public int headBytes() {
      return dynamic() ? 32 : Math.multiplyExact(length, element.headBytes());
    }
  }

  /** {@code (T1,...,Tn)}. */
  record Tuple(List<AbiType> components) implements AbiType {
    public Tuple {
      components = List.copyOf(components);
    }

    @Override
    public String canonical() {
      return AbiType.canonical(components);
    }

    @Override
    public boolean dynamic() {
      for (AbiType t : components) if (t.dynamic()) return true;
      return false;
    }

    @Override
    public int headBytes() {
      if (dynamic()) return 32;
      int n = 0;
      for (AbiType t : components) n = Math.addExact(n, t.headBytes());
      return n;
    }
  }

  /** "(T1,...,Tn)" of these types. */
  static String canonical(List<AbiType> types) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < types.size(); i++) {
      if (i > 0) sb.append(',');
      sb.append(types.get(i).canonical());
    }
    return sb.append(')').toString();
  }

  /** Parses a canonical type name (spaces are not allowed). */
  static AbiType parse(String type) {
    AbiTypeParser p = new AbiTypeParser(type);
    AbiType t = p.type();
    p.end();
    return t;
  }

  /** Parses a parenthesised list of types, such as {@code (uint256,bytes)}. */
  static List<AbiType> parseList(String types) {
    AbiType t = parse(types);
    if (!(t instanceof Tuple tuple))
      throw new AbiException("expected a parenthesised type list, got " + types);
    return tuple.components();
  }
}

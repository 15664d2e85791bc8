package io.levity.sdk.abi;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decoded ABI values in declaration order, with typed getters that say clearly when a value is not
 * what the caller expected.
 */
public record AbiValues(List<Object> values) {
  public AbiValues {
    values = List.copyOf(values);
  }

  public int size() {
    return values.size();
  }

  public Object get(int i) {
    return values.get(i);
  }

  public BigInteger bigInteger(int i) {
    return as(i, BigInteger.class);
  }

  /** An integer that must fit a {@code long}. */
  public long longValue(int i) {
    BigInteger v = bigInteger(i);
    if (v.bitLength() > 63) throw new AbiException("value " + i + " (" + v + ") exceeds a long");
    return v.longValue();
  }

  /** An unsigned integer as a {@link UInt256}. */
  public UInt256 uint256(int i) {
    BigInteger v = bigInteger(i);
    if (v.signum() < 0) throw new AbiException("value " + i + " (" + v + ") is negative");
    return UInt256.valueOf(v);
  }

  public Address address(int i) {
    return as(i, Address.class);
  }

  public boolean bool(int i) {
    return as(i, Boolean.class);
  }

  /** A {@code bytes} or {@code bytesN} value. */
  public Bytes bytes(int i) {
    return as(i, Bytes.class);
  }

  /** A {@code bytes32} value (or a hashed indexed event parameter). */
  public Bytes32 bytes32(int i) {
    Bytes b = bytes(i);
    if (b.size() != 32)
      throw new AbiException("value " + i + " has " + b.size() + " bytes, not 32");
    return Bytes32.leftPad(b);
  }

  public String string(int i) {
    return as(i, String.class);
  }

  /** An array's elements (or a tuple's values), read-only. */
  public List<Object> list(int i) {
    List<?> l = as(i, List.class);
    return Collections.unmodifiableList(l);
  }

  /** An array of tuples, each as values of its own. */
  public List<AbiValues> tuples(int i) {
    List<AbiValues> out = new ArrayList<>();
    for (Object t : list(i)) {
      if (!(t instanceof List<?> l))
        throw new AbiException("value " + i + " is not an array of tuples");
      out.add(new AbiValues(Collections.unmodifiableList(l)));
    }
    return out;
  }

  /** A tuple (or an array) as values of its own. */
  public AbiValues tuple(int i) {
    return new AbiValues(list(i));
  }

  @SuppressWarnings("unchecked")
  private <T> T as(int i, Class<? super T> type) {
    Object v = values.get(i);
    if (!type.isInstance(v)) {
      throw new AbiException(
          "value "
              + i
              + " is a "
              + (v == null ? "null" : v.getClass().getSimpleName())
              + ", not a "
              + type.getSimpleName());
    }
    return (T) v;
  }
}

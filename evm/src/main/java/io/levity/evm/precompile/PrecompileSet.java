package io.levity.evm.precompile;

import io.levity.core.bytes.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The precompiled contracts of one fork, by address (0x01, 0x02, ... and, for Levity's own ones,
 * two-byte addresses such as 0xed25). Immutable; a fork derives its set from the previous fork's
 * with {@link #with}. The contracts are stateless, so one set may serve every thread.
 */
public final class PrecompileSet {
  /** No precompiles. */
  public static final PrecompileSet NONE =
      new PrecompileSet(new Precompile[1], new int[0], new Precompile[0]);

  /** Highest address number a precompile may have. */
  public static final int MAX_ADDRESS = 0xffff;

  private final Precompile[] low; // by address number 0x01..0xff; index 0 unused

  // Address numbers above 0xff (ascending) and their contracts: a short list, scanned, rather than
  // a 64 K table per fork.
  private final int[] highNumbers;
  private final Precompile[] high;

  private PrecompileSet(Precompile[] low, int[] highNumbers, Precompile[] high) {
    this.low = low;
    this.highNumbers = highNumbers;
    this.high = high;
  }

  /** The contracts at addresses 1, 2, ... in the order given. */
  public static PrecompileSet of(Precompile... inAddressOrder) {
    Precompile[] table = new Precompile[inAddressOrder.length + 1];
    System.arraycopy(inAddressOrder, 0, table, 1, inAddressOrder.length);
    return new PrecompileSet(table, new int[0], new Precompile[0]);
  }

  /**
   * A copy with {@code contract} at {@code address} (1..{@link #MAX_ADDRESS}; added, or replacing
   * the one there).
   */
  public PrecompileSet with(int address, Precompile contract) {
    if (address < 1 || address > MAX_ADDRESS)
      throw new IllegalArgumentException("precompile address out of range: " + address);
    if (address <= 0xff) {
      Precompile[] table = Arrays.copyOf(low, Math.max(low.length, address + 1));
      table[address] = contract;
      return new PrecompileSet(table, highNumbers, high);
    }
    int at = Arrays.binarySearch(highNumbers, address);
    if (at >= 0) {
      Precompile[] contracts = high.clone();
      contracts[at] = contract;
      return new PrecompileSet(low, highNumbers, contracts);
    }
    int ins = -at - 1;
    int[] numbers = new int[highNumbers.length + 1];
    Precompile[] contracts = new Precompile[high.length + 1];
    System.arraycopy(highNumbers, 0, numbers, 0, ins);
    System.arraycopy(high, 0, contracts, 0, ins);
    numbers[ins] = address;
    contracts[ins] = contract;
    System.arraycopy(highNumbers, ins, numbers, ins + 1, highNumbers.length - ins);
    System.arraycopy(high, ins, contracts, ins + 1, high.length - ins);
    return new PrecompileSet(low, numbers, contracts);
  }

  /** The contract at this address number, or null. */
  public Precompile at(int address) {
    if (address <= 0xff) return address > 0 && address < low.length ? low[address] : null;
    for (int i = 0; i < highNumbers.length; i++) if (highNumbers[i] == address) return high[i];
    return null;
  }

  /** The contract at this address, or null: precompiles live at addresses 0x00..00nnnn. */
  public Precompile at(Address address) {
    byte[] b = address.unsafeArray();
    for (int i = 0; i < 18; i++) if (b[i] != 0) return null;
    return at(((b[18] & 0xff) << 8) | (b[19] & 0xff));
  }

  /** The addresses that hold a contract, in ascending order. */
  public List<Address> addresses() {
    List<Address> out = new ArrayList<>();
    for (int i = 1; i < low.length; i++) if (low[i] != null) out.add(address(i));
    for (int n : highNumbers) out.add(address(n));
    return List.copyOf(out);
  }

  private static Address address(int number) {
    byte[] b = new byte[20];
    b[18] = (byte) (number >>> 8);
    b[19] = (byte) number;
    return Address.wrapAddress(b);
  }
}

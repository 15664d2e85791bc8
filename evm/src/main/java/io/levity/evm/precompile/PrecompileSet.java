package io.levity.evm.precompile;

import io.levity.core.bytes.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The precompiled contracts of one fork, by address (0x01, 0x02, ...). Immutable; a fork derives
 * its set from the previous fork's with {@link #with}. The contracts are stateless, so one set may
 * serve every thread.
 */
public final class PrecompileSet {
  /** No precompiles. */
  public static final PrecompileSet NONE = new PrecompileSet(new Precompile[1]);

  private final Precompile[] byAddress; // index 0 unused

  private PrecompileSet(Precompile[] byAddress) {
    this.byAddress = byAddress;
  }

  /** The contracts at addresses 1, 2, ... in the order given. */
  public static PrecompileSet of(Precompile... inAddressOrder) {
    Precompile[] table = new Precompile[inAddressOrder.length + 1];
    System.arraycopy(inAddressOrder, 0, table, 1, inAddressOrder.length);
    return new PrecompileSet(table);
  }

  /** A copy with {@code contract} at {@code address} (added, or replacing the one there). */
  public PrecompileSet with(int address, Precompile contract) {
    if (address < 1 || address > 0xff)
      throw new IllegalArgumentException("precompile address out of range: " + address);
    Precompile[] table = Arrays.copyOf(byAddress, Math.max(byAddress.length, address + 1));
    table[address] = contract;
    return new PrecompileSet(table);
  }

  /** The contract at this address number, or null. */
  public Precompile at(int address) {
    return address > 0 && address < byAddress.length ? byAddress[address] : null;
  }

  /** The contract at this address, or null: precompiles live at addresses 0x00..00nn. */
  public Precompile at(Address address) {
    byte[] b = address.unsafeArray();
    for (int i = 0; i < 19; i++) if (b[i] != 0) return null;
    return at(b[19] & 0xff);
  }

  /** The addresses that hold a contract, in ascending order. */
  public List<Address> addresses() {
    List<Address> out = new ArrayList<>();
    for (int i = 1; i < byAddress.length; i++) {
      if (byAddress[i] == null) continue;
      byte[] b = new byte[20];
      b[19] = (byte) i;
      out.add(Address.wrapAddress(b));
    }
    return List.copyOf(out);
  }
}

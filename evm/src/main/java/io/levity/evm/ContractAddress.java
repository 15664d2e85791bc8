package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.rlp.Rlp;

/** Addresses of new contracts (Yellow Paper eq. 85-87; EIP-1014 for CREATE2). */
public final class ContractAddress {
  private ContractAddress() {}

  /** CREATE: the last 20 bytes of keccak(rlp([sender, nonce])); the nonce is unsigned 64-bit. */
  public static Address create(Address sender, long nonce) {
    byte[] enc =
        Rlp.encodeList(
            Rlp.encodeBytes(sender.unsafeArray()), Rlp.encodeBytes(unsignedMinimal(nonce)));
    return Address.fromWord(Keccak.hash256(enc));
  }

  /** CREATE2: the last 20 bytes of keccak(0xff ++ sender ++ salt ++ keccak(initcode)). */
  public static Address create2(Address sender, Bytes32 salt, Bytes32 initcodeHash) {
    byte[] buf = new byte[85];
    buf[0] = (byte) 0xff;
    System.arraycopy(sender.unsafeArray(), 0, buf, 1, 20);
    System.arraycopy(salt.unsafeArray(), 0, buf, 21, 32);
    System.arraycopy(initcodeHash.unsafeArray(), 0, buf, 53, 32);
    return Address.fromWord(Keccak.hash256(buf));
  }

  static byte[] unsignedMinimal(long v) {
    int n = 8 - Long.numberOfLeadingZeros(v) / 8;
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) out[i] = (byte) (v >>> (8 * (n - 1 - i)));
    return out;
  }
}

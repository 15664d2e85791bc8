package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;

/**
 * The top-level message of a transaction: a call to {@code target}, or a creation of a contract at
 * {@code target} (computed by the caller with {@link ContractAddress#create}, from the sender's
 * nonce before the transaction incremented it). {@code gas} is what is left after intrinsic gas.
 */
public record CallMessage(
    Kind kind, Address caller, Address target, UInt256 value, Bytes data, long gas) {
  public enum Kind {
    CALL,
    CREATE
  }

  public static CallMessage call(Address caller, Address to, UInt256 value, Bytes input, long gas) {
    return new CallMessage(Kind.CALL, caller, to, value, input, gas);
  }

  public static CallMessage create(
      Address caller, Address newContract, UInt256 value, Bytes initcode, long gas) {
    return new CallMessage(Kind.CREATE, caller, newContract, value, initcode, gas);
  }
}

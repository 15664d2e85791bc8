package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import java.math.BigInteger;

/**
 * What each user holds for this provider on the ledger (their sub-account's balance, not yet
 * settled fees included: the gate subtracts those itself).
 */
@FunctionalInterface
public interface UserBalances {
  BigInteger balance(Address user);
}

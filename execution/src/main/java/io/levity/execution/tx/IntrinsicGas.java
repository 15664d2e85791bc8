package io.levity.execution.tx;

import io.levity.core.tx.AccessListEntry;
import io.levity.core.tx.Transaction;
import io.levity.execution.fork.Fork;
import io.levity.execution.fork.TransactionRules;

/**
 * The gas a transaction costs before any code runs: the base cost (higher for a creation from
 * Homestead), calldata bytes, access-list entries (Berlin) and initcode words (Shanghai).
 */
public final class IntrinsicGas {
  private IntrinsicGas() {}

  public static long of(Transaction tx, Fork fork) {
    return of(tx, fork.transactionRules());
  }

  public static long of(Transaction tx, TransactionRules rules) {
    boolean create = tx.isContractCreation();
    long gas = create ? rules.txCreateGas() : rules.txGas();
    byte[] data = tx.data().unsafeArray();
    long zeros = 0;
    for (byte b : data) {
      if (b == 0) zeros++;
    }
    gas = Math.addExact(gas, Math.multiplyExact(zeros, rules.dataZeroGas()));
    gas = Math.addExact(gas, Math.multiplyExact(data.length - zeros, rules.dataNonZeroGas()));
    for (AccessListEntry e : tx.accessList()) {
      gas = Math.addExact(gas, rules.accessListAddressGas());
      gas =
          Math.addExact(
              gas,
              Math.multiplyExact((long) e.storageKeys().size(), rules.accessListStorageKeyGas()));
    }
    if (create) {
      long words = (data.length + 31L) / 32;
      gas = Math.addExact(gas, Math.multiplyExact(words, rules.initcodeWordGas()));
    }
    return gas;
  }
}

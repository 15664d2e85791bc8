package io.levity.evm;

import io.levity.core.bytes.Address;
import io.levity.core.num.UInt256;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * The transaction-wide substate that is not account state: warm addresses and slots (EIP-2929),
 * transient storage (EIP-1153), logs, the refund counter, touched accounts (EIP-161), accounts
 * created in this transaction and those that self-destructed (EIP-6780). Every change is journaled
 * so a reverting frame undoes its part.
 */
final class TxState {
  record Slot(Address address, UInt256 key) {}

  private sealed interface Entry {}

  private record WarmAddress(Address address) implements Entry {}

  private record WarmSlot(Slot slot) implements Entry {}

  private record Transient(Slot slot, UInt256 previous) implements Entry {}

  private record LogAdded() implements Entry {}

  private record Refund(long previous) implements Entry {}

  private record Touched(Address address) implements Entry {}

  private record Created(Address address) implements Entry {}

  private record Destructed(Address address) implements Entry {}

  private final HashSet<Address> warmAddresses = new HashSet<>();
  private final HashSet<Slot> warmSlots = new HashSet<>();
  private final HashMap<Slot, UInt256> transientStorage = new HashMap<>();
  final ArrayList<Log> logs = new ArrayList<>();
  long refund;
  final LinkedHashSet<Address> touched = new LinkedHashSet<>();
  private final HashSet<Address> created = new HashSet<>();
  final LinkedHashSet<Address> selfDestructed = new LinkedHashSet<>();
  private final ArrayList<Entry> journal = new ArrayList<>();

  int snapshot() {
    return journal.size();
  }

  void revert(int id) {
    for (int i = journal.size() - 1; i >= id; i--) {
      switch (journal.remove(i)) {
        case WarmAddress e -> warmAddresses.remove(e.address());
        case WarmSlot e -> warmSlots.remove(e.slot());
        case Transient e -> {
          if (e.previous().isZero()) transientStorage.remove(e.slot());
          else transientStorage.put(e.slot(), e.previous());
        }
        case LogAdded e -> logs.removeLast();
        case Refund e -> refund = e.previous();
        case Touched e -> touched.remove(e.address());
        case Created e -> created.remove(e.address());
        case Destructed e -> selfDestructed.remove(e.address());
      }
    }
  }

  /** Warms the address; returns true if it was cold. */
  boolean warm(Address a) {
    return warm(warmAddresses, a, WarmAddress::new);
  }

  /** Warms the slot; returns true if it was cold. */
  boolean warm(Slot s) {
    return warm(warmSlots, s, WarmSlot::new);
  }

  private <T> boolean warm(Set<T> warmSet, T key, Function<T, Entry> undo) {
    if (!warmSet.add(key)) return false;
    journal.add(undo.apply(key));
    return true;
  }

  UInt256 tload(Slot s) {
    return transientStorage.getOrDefault(s, UInt256.ZERO);
  }

  void tstore(Slot s, UInt256 v) {
    UInt256 prev = v.isZero() ? transientStorage.remove(s) : transientStorage.put(s, v);
    journal.add(new Transient(s, prev == null ? UInt256.ZERO : prev));
  }

  void log(Log log) {
    logs.add(log);
    journal.add(new LogAdded());
  }

  void addRefund(long delta) {
    journal.add(new Refund(refund));
    refund += delta;
  }

  void touch(Address a) {
    if (touched.add(a)) journal.add(new Touched(a));
  }

  void markCreated(Address a) {
    if (created.add(a)) journal.add(new Created(a));
  }

  boolean createdInThisTx(Address a) {
    return created.contains(a);
  }

  void markSelfDestructed(Address a) {
    if (selfDestructed.add(a)) journal.add(new Destructed(a));
  }
}

package io.levity.node.api;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.evm.Log;
import io.levity.evm.WorldView;
import io.levity.evm.trace.StepView;
import io.levity.evm.trace.Tracer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A world that watches what the EVM's call frames do with it, for eth_createAccessList (every
 * account and storage slot they read or write) and eth_simulateV1's traceTransfers (every value
 * transfer of a frame that did not revert, as an ERC-20 Transfer log from 0xeeee...eeee, placed
 * among the EVM's own logs where it happened). Only accesses inside call frames count: the EVM
 * opens a frame with {@link #snapshot()} and closes it with {@link #commit} or {@link #revert}, so
 * the transaction-level work (buying gas, paying the coinbase, removing empty accounts) is not
 * seen. As a {@link Tracer} it counts the LOG operations, to place the transfers.
 */
final class RecordingWorld implements WorldView, Tracer {
  /** The address go-ethereum emits traced transfers from. */
  static final Address TRANSFER_EMITTER = Address.fromHex("0x" + "ee".repeat(20));

  /** keccak("Transfer(address,address,uint256)"). */
  static final Bytes32 TRANSFER_TOPIC =
      Keccak.hash(
          Bytes.wrap("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII)));

  /** A traced transfer, placed after {@code evmLogsBefore} of the EVM's logs. */
  record Transfer(Log log, int evmLogsBefore) {}

  private record Frame(int transfers, int evmLogs) {}

  private final WorldView world;
  private final Map<Address, Set<UInt256>> accessed = new LinkedHashMap<>();
  private final Set<Address> created = new LinkedHashSet<>();
  private final List<Transfer> transfers = new ArrayList<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private int evmLogs;

  /** A balance just taken from an account (debit, amount), awaiting the matching credit. */
  private Address debited;

  private UInt256 debitAmount;

  RecordingWorld(WorldView world) {
    this.world = world;
  }

  /** Accounts touched inside frames, each with the slots read or written (insertion order). */
  Map<Address, Set<UInt256>> accessed() {
    return accessed;
  }

  /** Accounts created inside frames. */
  Set<Address> created() {
    return created;
  }

  /** The value transfers of frames that did not revert. */
  List<Transfer> transfers() {
    return transfers;
  }

  /** The EVM logs with the transfers placed among them, for a successful transaction. */
  List<Log> logsWithTransfers(List<Log> evm) {
    List<Log> out = new ArrayList<>(evm.size() + transfers.size());
    int next = 0;
    for (Transfer t : transfers) {
      int upTo = Math.min(t.evmLogsBefore(), evm.size());
      while (next < upTo) out.add(evm.get(next++));
      out.add(t.log());
    }
    while (next < evm.size()) out.add(evm.get(next++));
    return out;
  }

  private boolean inFrame() {
    return !frames.isEmpty();
  }

  private void account(Address a) {
    if (inFrame()) accessed.computeIfAbsent(a, k -> new LinkedHashSet<>());
  }

  private void slot(Address a, UInt256 key) {
    if (inFrame()) accessed.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(key);
  }

  private void transfer(Address from, Address to, UInt256 amount) {
    Bytes32 fromTopic = Bytes32.leftPad(from);
    Bytes32 toTopic = Bytes32.leftPad(to);
    transfers.add(
        new Transfer(
            new Log(
                TRANSFER_EMITTER, List.of(TRANSFER_TOPIC, fromTopic, toTopic), amount.toBytes32()),
            evmLogs));
  }

  // ---- Tracer: counts LOG operations (a failing one halts its frame, which is then reverted)

  @Override
  public void beforeOp(StepView step) {
    int op = step.opcode();
    if (op >= 0xa0 && op <= 0xa4) evmLogs++;
  }

  @Override
  public void afterOp(long gasCost, String error) {}

  // ---- frames

  @Override
  public int snapshot() {
    frames.push(new Frame(transfers.size(), evmLogs));
    debited = null;
    return world.snapshot();
  }

  @Override
  public void revert(int id) {
    Frame f = frames.isEmpty() ? null : frames.pop();
    if (f != null) {
      transfers.subList(f.transfers(), transfers.size()).clear();
      evmLogs = f.evmLogs();
    }
    debited = null;
    world.revert(id);
  }

  @Override
  public void commit(int id) {
    if (!frames.isEmpty()) frames.pop();
    debited = null;
    world.commit(id);
  }

  // ---- balances: a debit followed by a credit of the same amount is a transfer

  @Override
  public void subtractBalance(Address address, UInt256 amount) {
    account(address);
    world.subtractBalance(address, amount);
    if (inFrame() && !amount.isZero()) {
      debited = address;
      debitAmount = amount;
    }
  }

  @Override
  public void addBalance(Address address, UInt256 amount) {
    account(address);
    world.addBalance(address, amount);
    if (inFrame() && debited != null && amount.equals(debitAmount)) {
      transfer(debited, address, amount);
    }
    debited = null;
  }

  @Override
  public void setBalance(Address address, UInt256 balance) {
    account(address);
    UInt256 before = inFrame() && balance.isZero() ? world.balance(address) : null;
    world.setBalance(address, balance);
    // SELFDESTRUCT of an account created in this transaction: zeroed, then its balance credited.
    if (before != null && !before.isZero()) {
      debited = address;
      debitAmount = before;
    } else {
      debited = null;
    }
  }

  // ---- everything else: recorded, then passed on

  @Override
  public boolean exists(Address address) {
    account(address);
    return world.exists(address);
  }

  @Override
  public boolean isEmpty(Address address) {
    account(address);
    return world.isEmpty(address);
  }

  @Override
  public UInt256 balance(Address address) {
    account(address);
    return world.balance(address);
  }

  @Override
  public long nonce(Address address) {
    account(address);
    return world.nonce(address);
  }

  @Override
  public Bytes code(Address address) {
    account(address);
    return world.code(address);
  }

  @Override
  public int codeSize(Address address) {
    account(address);
    return world.codeSize(address);
  }

  @Override
  public Bytes32 codeHash(Address address) {
    account(address);
    return world.codeHash(address);
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    slot(address, key);
    return world.storage(address, key);
  }

  @Override
  public UInt256 originalStorage(Address address, UInt256 key) {
    slot(address, key);
    return world.originalStorage(address, key);
  }

  @Override
  public boolean hasStorage(Address address) {
    account(address);
    return world.hasStorage(address);
  }

  @Override
  public void setStorage(Address address, UInt256 key, UInt256 value) {
    slot(address, key);
    world.setStorage(address, key, value);
  }

  @Override
  public void createAccount(Address address) {
    if (inFrame()) created.add(address);
    world.createAccount(address);
  }

  @Override
  public void setNonce(Address address, long nonce) {
    account(address);
    world.setNonce(address, nonce);
  }

  @Override
  public void setCode(Address address, Bytes code) {
    account(address);
    world.setCode(address, code);
  }

  @Override
  public void deleteAccount(Address address) {
    world.deleteAccount(address);
  }
}

package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.evm.WorldView;
import io.levity.evm.trace.StepView;
import io.levity.execution.state.TransactionResult.Executed;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * geth's {@code prestateTracer}. It notes every account the transaction touches (sender, recipient,
 * coinbase, frames' callers and callees, BALANCE, EXTCODE*, CALL* and SELFDESTRUCT targets) and
 * every storage slot it reads or writes, then reads them from a copy of the world before the
 * transaction ({@code pre}) and from the world after it.
 *
 * <p>Default mode: {@code {address: {balance, nonce?, code?, storage?}}} before the transaction.
 * {@code diffMode}: {@code {pre, post}} where, as geth does, only accounts that changed appear;
 * {@code pre} holds their earlier state (storage: the changed slots only, accounts absent before
 * left out) and {@code post} only the fields that changed (storage: changed slots whose new value
 * is not zero); an account deleted by the transaction is in {@code pre} only.
 */
public final class PrestateTracer implements TxTracer {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final TraceOptions options;
  private final TraceBudget budget;
  private final WorldView pre;
  private final WorldView post;
  private final Map<Address, Set<UInt256>> seen = new LinkedHashMap<>();
  private final Set<Address> created = new LinkedHashSet<>();

  /**
   * @param pre the world as it was before the transaction (not changed by it)
   * @param post the world the transaction runs on
   */
  public PrestateTracer(TraceOptions options, TraceBudget budget, WorldView pre, WorldView post) {
    this.options = options;
    this.budget = budget;
    this.pre = pre;
    this.post = post;
  }

  private void account(Address a) {
    if (seen.containsKey(a)) return;
    budget.bytes(300);
    seen.put(a, new LinkedHashSet<>());
  }

  @Override
  public void beforeOp(StepView s) {
    budget.tick();
    int op = s.opcode();
    int n = s.stackSize();
    switch (op) {
      case 0x31, 0x3b, 0x3c, 0x3f, 0xff -> {
        if (n >= 1) account(address(s, n - 1));
      }
      case 0xf1, 0xf2, 0xf4, 0xfa -> {
        if (n >= 2) account(address(s, n - 2));
      }
      case 0x54, 0x55 -> {
        if (n >= 1) {
          account(s.address());
          if (seen.get(s.address()).add(StructLogger.stackWord(s, n - 1))) budget.bytes(140);
        }
      }
      default -> {}
    }
  }

  private static Address address(StepView s, int i) {
    return Address.fromWord(StructLogger.stackWord(s, i).toBytes32().toArray());
  }

  @Override
  public void afterOp(long gasCost, String error) {}

  @Override
  public void enter(int type, Address from, Address to, UInt256 value, long gas, byte[] input) {
    account(from);
    account(to);
    if (type == CREATE || type == CREATE2) created.add(to);
  }

  @Override
  public JsonNode result(TxInfo tx, Executed executed) {
    ObjectNode r = F.objectNode();
    account(tx.sender());
    tx.to().ifPresent(this::account);
    account(tx.coinbase());
    if (!options.diffMode()) {
      for (Map.Entry<Address, Set<UInt256>> e : seen.entrySet()) {
        // As geth: a contract the transaction created had no prestate, unless it existed.
        if (created.contains(e.getKey()) && pre.isDead(e.getKey())) continue;
        r.set(e.getKey().toHex(), state(pre, e.getKey(), e.getValue()));
      }
      return r;
    }
    ObjectNode preOut = r.putObject("pre");
    ObjectNode postOut = r.putObject("post");
    for (Map.Entry<Address, Set<UInt256>> e : seen.entrySet()) {
      Address a = e.getKey();
      boolean existedBefore = pre.exists(a);
      boolean existsAfter = post.exists(a);
      ObjectNode before = F.objectNode();
      ObjectNode after = F.objectNode();
      boolean modified = false;
      UInt256 b0 = pre.balance(a);
      UInt256 b1 = post.balance(a);
      before.put("balance", b0.toHexQuantity());
      if (!b0.equals(b1)) {
        modified = true;
        after.put("balance", b1.toHexQuantity());
      }
      long n0 = pre.nonce(a);
      long n1 = post.nonce(a);
      if (n0 != 0) before.put("nonce", n0);
      if (n0 != n1) {
        modified = true;
        after.put("nonce", n1);
      }
      Bytes c0 = pre.code(a);
      Bytes c1 = post.code(a);
      budget.bytes((c0.size() + c1.size()) * 2L);
      if (c0.size() > 0) before.put("code", c0.toHex());
      if (!c0.equals(c1)) {
        modified = true;
        after.put("code", c1.toHex());
      }
      ObjectNode s0 = F.objectNode();
      ObjectNode s1 = F.objectNode();
      for (UInt256 k : e.getValue()) {
        UInt256 v0 = pre.storage(a, k);
        UInt256 v1 = post.storage(a, k);
        if (v0.equals(v1)) continue;
        modified = true;
        if (!v0.isZero()) s0.put(slot(k), "0x" + StructLogger.hex64(v0));
        if (!v1.isZero()) s1.put(slot(k), "0x" + StructLogger.hex64(v1));
      }
      if (!s0.isEmpty()) before.set("storage", s0);
      if (!s1.isEmpty()) after.set("storage", s1);
      if (!existsAfter && existedBefore) {
        preOut.set(a.toHex(), before); // deleted: pre only
        continue;
      }
      if (!modified) continue;
      if (existedBefore) preOut.set(a.toHex(), before);
      postOut.set(a.toHex(), after);
    }
    return r;
  }

  private static String slot(UInt256 k) {
    return "0x" + StructLogger.hex64(k);
  }

  private ObjectNode state(WorldView w, Address a, Set<UInt256> slots) {
    ObjectNode o = F.objectNode();
    o.put("balance", w.balance(a).toHexQuantity());
    long nonce = w.nonce(a);
    if (nonce != 0) o.put("nonce", nonce);
    Bytes code = w.code(a);
    budget.bytes(code.size() * 2L);
    if (code.size() > 0) o.put("code", code.toHex());
    if (!slots.isEmpty()) {
      ObjectNode s = o.putObject("storage");
      for (UInt256 k : slots) s.put(slot(k), "0x" + StructLogger.hex64(w.storage(a, k)));
    }
    return o;
  }
}

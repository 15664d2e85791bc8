package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.evm.BlockContext;
import io.levity.evm.ContractAddress;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.api.CallExecutor.CallRequest;
import io.levity.node.api.CallExecutor.Overrides;
import io.levity.node.rpc.RpcException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * eth_createAccessList, by go-ethereum's rules: run the call, list every account and storage slot
 * its frames touched, leaving out the sender, the recipient (or the created contract) and the
 * precompiles unless a slot of theirs was read or written, and the contracts the call created; run
 * again with that list until it no longer changes (the list changes gas, which may change the
 * path). Answers {@code {accessList, gasUsed, error?}}; gasUsed is that of the last run, which used
 * the list returned.
 */
final class AccessListCreator {
  /** Runs before giving up on a list that keeps changing. */
  static final int MAX_ROUNDS = 10;

  private final ChainView chain;
  private final CallExecutor calls;

  AccessListCreator(ChainView chain, CallExecutor calls) {
    this.chain = chain;
    this.calls = calls;
  }

  JsonNode create(CallRequest req, BlockHeader at, Overrides o) throws RpcException {
    o.state().refuseCodeOn(calls.precompiles());
    long gas = req.gas() == null ? calls.gasCap() : Math.min(req.gas(), calls.gasCap());
    BlockContext ctx = calls.context(at, o.block(), req.hasFees());
    Map<Address, Set<Bytes32>> list = fromEntries(req.accessList());
    for (int round = 0; ; round++) {
      TrieWorldState world = chain.stateAt(at);
      o.state().apply(world);
      world.beginTransaction();
      Set<Address> excluded = new HashSet<>(calls.precompiles());
      excluded.add(req.from());
      excluded.add(
          req.to().orElseGet(() -> ContractAddress.create(req.from(), world.nonce(req.from()))));
      RecordingWorld recorder = new RecordingWorld(world);
      Executed r =
          CallExecutor.executed(
              calls.execute(recorder, ctx, req.withAccessList(entries(list)), gas));
      Map<Address, Set<Bytes32>> next = new LinkedHashMap<>();
      addAll(next, list, excluded, Set.of());
      addAll(next, recorded(recorder), excluded, recorder.created());
      if (next.equals(list) || round + 1 >= MAX_ROUNDS) return answer(next, r);
      list = next;
    }
  }

  private static Map<Address, Set<Bytes32>> recorded(RecordingWorld w) {
    Map<Address, Set<Bytes32>> m = new LinkedHashMap<>();
    w.accessed()
        .forEach(
            (a, slots) -> {
              Set<Bytes32> keys = new LinkedHashSet<>();
              for (UInt256 k : slots) keys.add(k.toBytes32());
              m.put(a, keys);
            });
    return m;
  }

  /** An excluded account stays only for its slots; a created one not at all. */
  private static void addAll(
      Map<Address, Set<Bytes32>> into,
      Map<Address, Set<Bytes32>> from,
      Set<Address> excluded,
      Set<Address> created) {
    from.forEach(
        (a, slots) -> {
          if (created.contains(a)) return;
          if (slots.isEmpty() && excluded.contains(a)) return;
          into.computeIfAbsent(a, k -> new LinkedHashSet<>()).addAll(slots);
        });
  }

  private static Map<Address, Set<Bytes32>> fromEntries(List<AccessListEntry> entries) {
    Map<Address, Set<Bytes32>> m = new LinkedHashMap<>();
    for (AccessListEntry e : entries) {
      m.computeIfAbsent(e.address(), k -> new LinkedHashSet<>()).addAll(e.storageKeys());
    }
    return m;
  }

  private static List<AccessListEntry> entries(Map<Address, Set<Bytes32>> m) {
    List<AccessListEntry> out = new ArrayList<>();
    m.forEach((a, keys) -> out.add(new AccessListEntry(a, List.copyOf(keys))));
    return out;
  }

  private static JsonNode answer(Map<Address, Set<Bytes32>> list, Executed r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ArrayNode al = o.putArray("accessList");
    list.forEach(
        (a, keys) -> {
          ObjectNode e = al.addObject().put("address", a.toHex());
          ArrayNode ks = e.putArray("storageKeys");
          for (Bytes32 k : keys) ks.add(k.toHex());
        });
    o.put("gasUsed", EthJson.q(r.gasUsed()));
    if (!r.isSuccess()) {
      o.put("error", r.haltReason() == null ? "execution reverted" : r.haltReason().message());
    }
    return o;
  }
}

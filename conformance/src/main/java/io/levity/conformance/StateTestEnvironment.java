package io.levity.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.evm.BlockContext;
import io.levity.evm.InMemoryWorld;
import io.levity.execution.state.BlobGas;
import io.levity.execution.state.StateRoots;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code env} and {@code pre} sections of a state test: the block context every case of the
 * test runs in, and a template of the pre-state from which each case gets a fresh world.
 */
public final class StateTestEnvironment {
  /** One account of {@code pre}. */
  public record PreAccount(
      Address address, UInt256 balance, long nonce, Bytes code, Map<UInt256, UInt256> storage) {}

  /** BLOCKHASH in state tests: keccak256 of the block number in decimal ASCII. */
  static final BlockContext.BlockHashLookup BLOCK_HASHES =
      n -> Keccak.hash(Long.toUnsignedString(n).getBytes(StandardCharsets.US_ASCII));

  private final BlockContext block;
  private final List<PreAccount> pre;
  private Bytes32 preStateRoot;

  private StateTestEnvironment(BlockContext block, List<PreAccount> pre) {
    this.block = block;
    this.pre = pre;
  }

  /**
   * Reads env (currentCoinbase, currentGasLimit, currentNumber, currentTimestamp, currentBaseFee,
   * currentRandom or else currentDifficulty, currentExcessBlobGas) and pre.
   */
  public static StateTestEnvironment parse(JsonNode env, JsonNode pre, long chainId) {
    Address coinbase = Address.fromHex(env.get("currentCoinbase").asText());
    long number = quantity(env, "currentNumber");
    long timestamp = quantity(env, "currentTimestamp");
    long gasLimit = quantity(env, "currentGasLimit");
    UInt256 baseFee =
        env.has("currentBaseFee")
            ? UInt256.parse(env.get("currentBaseFee").asText())
            : UInt256.ZERO;
    String random =
        env.has("currentRandom")
            ? env.get("currentRandom").asText()
            : env.path("currentDifficulty").asText("0x00");
    Bytes32 prevRandao = UInt256.parse(random).toBytes32();
    long excessBlobGas =
        env.has("currentExcessBlobGas") ? quantity(env, "currentExcessBlobGas") : 0;
    BlockContext block =
        new BlockContext(
            coinbase,
            number,
            timestamp,
            gasLimit,
            prevRandao,
            baseFee,
            BlobGas.baseFee(excessBlobGas),
            chainId,
            BLOCK_HASHES);

    List<PreAccount> accounts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : pre.properties()) {
      JsonNode a = e.getValue();
      Map<UInt256, UInt256> storage = new HashMap<>();
      for (Map.Entry<String, JsonNode> slot : a.path("storage").properties()) {
        storage.put(UInt256.parse(slot.getKey()), UInt256.parse(slot.getValue().asText()));
      }
      accounts.add(
          new PreAccount(
              Address.fromHex(e.getKey()),
              UInt256.parse(a.get("balance").asText()),
              quantity(a, "nonce"),
              Bytes.fromHex(a.path("code").asText("0x")),
              storage));
    }
    return new StateTestEnvironment(block, List.copyOf(accounts));
  }

  public BlockContext block() {
    return block;
  }

  /** A fresh world holding the pre-state. */
  public InMemoryWorld newWorld() {
    InMemoryWorld w = new InMemoryWorld();
    for (PreAccount a : pre) w.put(a.address(), a.balance(), a.nonce(), a.code(), a.storage());
    return w;
  }

  /** The accounts of {@code pre} (for installing the same state elsewhere). */
  public List<PreAccount> accounts() {
    return pre;
  }

  Bytes32 preStateRoot() {
    if (preStateRoot == null) preStateRoot = StateRoots.stateRoot(newWorld());
    return preStateRoot;
  }

  /** An unsigned 64-bit quantity (hex with 0x, or decimal). */
  private static long quantity(JsonNode parent, String field) {
    JsonNode n = parent.get(field);
    if (n == null) throw new IllegalArgumentException("missing " + field);
    UInt256 v = UInt256.parse(n.asText());
    if (v.bitLength() > 64)
      throw new IllegalArgumentException(field + " does not fit in 64 bits: " + n.asText());
    return v.u0;
  }
}

package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.AccessListEntry;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionError;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext;
import io.levity.evm.Outcome;
import io.levity.evm.WorldView;
import io.levity.evm.trace.Tracer;
import io.levity.execution.block.BlockExecutor;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.fork.TransactionRules;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.IntrinsicGas;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * eth_call and eth_estimateGas: runs an unsigned call on a private copy of the state at a block
 * (never persisted). A revert becomes error 3 "execution reverted[: reason]" with the revert bytes
 * as data, as ethers.js and web3j expect; an exceptional halt or a rejection becomes -32000 with
 * the reason.
 */
final class CallExecutor {
  /** The selector of Error(string), keccak("Error(string)")[0:4]. */
  private static final Bytes ERROR_SELECTOR = Bytes.fromHex("0x08c379a0");

  /** A call request (the transaction object of eth_call). */
  record CallRequest(
      Address from,
      Optional<Address> to,
      Long gas,
      UInt256 gasPrice,
      UInt256 maxFeePerGas,
      UInt256 maxPriorityFeePerGas,
      UInt256 value,
      Bytes data,
      List<AccessListEntry> accessList,
      Long nonce) {
    boolean hasFees() {
      return gasPrice != null || maxFeePerGas != null || maxPriorityFeePerGas != null;
    }

    /** The same call with another access list. */
    CallRequest withAccessList(List<AccessListEntry> list) {
      return new CallRequest(
          from, to, gas, gasPrice, maxFeePerGas, maxPriorityFeePerGas, value, data, list, nonce);
    }
  }

  /** The state and block overrides of a call; {@link #NONE} for none. */
  record Overrides(StateOverrides state, BlockOverrides block) {
    static final Overrides NONE = new Overrides(StateOverrides.NONE, BlockOverrides.NONE);

    /** Parses the third (state) and fourth (block) parameters of eth_call; either may be null. */
    static Overrides parse(JsonNode state, JsonNode block) throws RpcException {
      return new Overrides(StateOverrides.parse(state), BlockOverrides.parse(block));
    }
  }

  private final ChainView chain;
  private final Fork fork;
  private final long gasCap;
  private final List<Address> precompiles;

  CallExecutor(ChainView chain, Fork fork, long gasCap) {
    this.chain = chain;
    this.fork = fork;
    this.gasCap = gasCap;
    this.precompiles = fork.evmSpec().orElseThrow().precompiles().addresses();
  }

  static CallRequest parse(JsonNode o) throws RpcException {
    if (o == null || !o.isObject())
      throw RpcException.invalidParams("the call must be a transaction object");
    Address from =
        o.hasNonNull("from") ? Params.parseAddress(o.get("from").asText(), "from") : Address.ZERO;
    Optional<Address> to =
        o.hasNonNull("to")
            ? Optional.of(Params.parseAddress(o.get("to").asText(), "to"))
            : Optional.empty();
    Long gas = o.hasNonNull("gas") ? Params.parseLongQuantity(o.get("gas").asText(), "gas") : null;
    UInt256 gasPrice = optQuantity(o, "gasPrice");
    UInt256 maxFee = optQuantity(o, "maxFeePerGas");
    UInt256 maxTip = optQuantity(o, "maxPriorityFeePerGas");
    if (gasPrice != null && (maxFee != null || maxTip != null)) {
      throw RpcException.invalidParams(
          "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    UInt256 value = optQuantity(o, "value");
    Long nonce =
        o.hasNonNull("nonce") ? Params.parseLongQuantity(o.get("nonce").asText(), "nonce") : null;
    Bytes input = o.hasNonNull("input") ? Params.parseData(o.get("input").asText(), "input") : null;
    Bytes data = o.hasNonNull("data") ? Params.parseData(o.get("data").asText(), "data") : null;
    if (input != null && data != null && !input.equals(data)) {
      throw RpcException.invalidParams("both \"data\" and \"input\" are set and not equal");
    }
    List<AccessListEntry> accessList = new ArrayList<>();
    JsonNode al = o.get("accessList");
    if (al != null && !al.isNull()) {
      if (!al.isArray()) throw RpcException.invalidParams("accessList must be an array");
      for (JsonNode e : al) {
        Address a = Params.parseAddress(e.path("address").asText(), "accessList address");
        List<Bytes32> keys = new ArrayList<>();
        for (JsonNode k : e.path("storageKeys")) {
          try {
            keys.add(Bytes32.fromHex32(k.asText()));
          } catch (IllegalArgumentException ex) {
            throw RpcException.invalidParams("accessList storage key: " + ex.getMessage());
          }
        }
        accessList.add(new AccessListEntry(a, keys));
      }
    }
    return new CallRequest(
        from,
        to,
        gas,
        gasPrice,
        maxFee,
        maxTip,
        value == null ? UInt256.ZERO : value,
        input != null ? input : data != null ? data : Bytes.EMPTY,
        accessList,
        nonce);
  }

  private static UInt256 optQuantity(JsonNode o, String field) throws RpcException {
    return o.hasNonNull(field) ? Params.parseQuantity(o.get(field).asText(), field) : null;
  }

  /** eth_call: the return data, or an error for a revert, halt or rejection. */
  Bytes call(CallRequest req, BlockHeader at, Overrides o) throws RpcException {
    o.state().refuseCodeOn(precompiles);
    long gas = req.gas() == null ? gasCap : Math.min(req.gas(), gasCap);
    Executed r = executed(run(req, at, o, gas));
    if (!r.isSuccess()) throw failure(r);
    return r.output();
  }

  /**
   * eth_estimateGas: the least gas limit with which the call succeeds, by binary search between the
   * intrinsic gas (at least 21000) and the block gas limit (or the request's gas, when lower).
   */
  long estimate(CallRequest req, BlockHeader at, Overrides o) throws RpcException {
    o.state().refuseCodeOn(precompiles);
    long hi = o.block().gasLimit() != null ? o.block().gasLimit() : at.gasLimit();
    if (req.gas() != null && req.gas() >= TransactionSigner.TRANSFER_GAS && req.gas() < hi)
      hi = req.gas();
    hi = Math.min(hi, gasCap);
    Executed first = executed(run(req, at, o, hi));
    if (!first.isSuccess()) {
      if (first.outcome() == Outcome.REVERT) throw failure(first);
      throw new RpcException(
          RpcException.SERVER_ERROR,
          "gas required exceeds allowance ("
              + hi
              + ")"
              + (first.haltReason() == null ? "" : ": " + first.haltReason().message()));
    }
    // Gas used (before the refund) is a lower bound on what succeeds; the limit is at least that.
    long lo = Math.max(TransactionSigner.TRANSFER_GAS, intrinsic(req, hi)) - 1;
    lo = Math.max(lo, first.gasUsed() + first.gasRefunded() - 1);
    if (lo >= hi) return hi;
    // Most calls succeed with a little over the gas they used (the 63/64 rule); try that first.
    long optimistic = Math.min(hi, (first.gasUsed() + first.gasRefunded() + 2300) * 64 / 63);
    if (optimistic > lo && optimistic < hi && succeeds(req, at, o, optimistic)) hi = optimistic;
    while (lo + 1 < hi) {
      long mid = lo + (hi - lo) / 2;
      if (succeeds(req, at, o, mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }

  private boolean succeeds(CallRequest req, BlockHeader at, Overrides o, long gas)
      throws RpcException {
    TransactionResult r = run(req, at, o, gas);
    return r instanceof Executed e && e.isSuccess();
  }

  private long intrinsic(CallRequest req, long gas) {
    return IntrinsicGas.of(transaction(req, 0, gas), fork);
  }

  private TransactionResult run(CallRequest req, BlockHeader at, Overrides o, long gas) {
    TrieWorldState world = chain.stateAt(at);
    o.state().apply(world);
    world.beginTransaction();
    return execute(world, context(at, o.block(), req.hasFees()), req, gas);
  }

  /**
   * The block context of a call at this block, with the overrides applied. Without fees, the call
   * runs at a zero base fee (as go-ethereum does, even under a base fee override), so an unfunded
   * sender can call.
   */
  BlockContext context(BlockHeader at, BlockOverrides overrides, boolean fees) {
    BlockContext c =
        overrides.apply(
            BlockExecutor.context(
                at, chain.chainId(), n -> chain.blocks().canonicalHash(n).orElse(Bytes32.ZERO)));
    if (fees) return c;
    return new BlockContext(
        c.coinbase(),
        c.number(),
        c.timestamp(),
        c.gasLimit(),
        c.prevRandao(),
        UInt256.ZERO,
        c.blobBaseFee(),
        c.chainId(),
        c.blockHashes());
  }

  /**
   * Runs the call on a world whose transaction has begun, with the sender's account nonce and no
   * limit from the block's gas.
   */
  TransactionResult execute(WorldView world, BlockContext ctx, CallRequest req, long gas) {
    Transaction tx = transaction(req, world.nonce(req.from()), gas);
    return execute(world, ctx, tx, req.from(), Long.MAX_VALUE, null);
  }

  /**
   * Runs an unsigned transaction from this sender: the intrinsic gas and initcode size are checked
   * here (the transaction has no signature for the validator to check), then the rules against
   * state and block, except EIP-3607 (a call "from" a contract is allowed, as in go-ethereum).
   */
  TransactionResult execute(
      WorldView world,
      BlockContext ctx,
      Transaction tx,
      Address from,
      long gasAvailable,
      Tracer tracer) {
    long intrinsic = IntrinsicGas.of(tx, fork);
    if (Long.compareUnsigned(tx.gasLimit(), intrinsic) < 0) {
      return new Rejected(
          TransactionError.INTRINSIC_GAS_TOO_LOW,
          "gas " + tx.gasLimit() + ", intrinsic gas " + intrinsic);
    }
    TransactionRules rules = fork.transactionRules();
    if (tx.isContractCreation()
        && rules.hasInitcodeLimit()
        && tx.data().size() > rules.maxInitcodeSize()) {
      return new Rejected(
          TransactionError.INITCODE_SIZE_EXCEEDED,
          "initcode is "
              + tx.data().size()
              + " bytes, the limit is "
              + rules.maxInitcodeSize()
              + " (EIP-3860)");
    }
    StateTransition transition = new StateTransition(fork, chain.chainId()).forSimulatedCalls();
    return transition.apply(
        world, ctx, new ValidatedTransaction(tx, from, intrinsic), gasAvailable, tracer);
  }

  long gasCap() {
    return gasCap;
  }

  /** The fork's precompile addresses. */
  List<Address> precompiles() {
    return precompiles;
  }

  Transaction transaction(CallRequest req, long nonce, long gas) {
    if (req.gasPrice() != null || !req.hasFees()) {
      UInt256 price = req.gasPrice() == null ? UInt256.ZERO : req.gasPrice();
      if (req.accessList().isEmpty()) {
        return new LegacyTransaction(
            nonce,
            price,
            gas,
            req.to(),
            req.value(),
            req.data(),
            OptionalLong.empty(),
            Transaction.UNSIGNED);
      }
      return dynamicFee(req, nonce, price, price, gas);
    }
    UInt256 maxFee = req.maxFeePerGas() != null ? req.maxFeePerGas() : req.maxPriorityFeePerGas();
    UInt256 tip = req.maxPriorityFeePerGas() != null ? req.maxPriorityFeePerGas() : UInt256.ZERO;
    return dynamicFee(req, nonce, tip.min(maxFee), maxFee, gas);
  }

  /** The call as a type-2 transaction whatever its fields, as eth_simulateV1 runs calls. */
  DynamicFeeTransaction dynamicFee(CallRequest req, long nonce, long gas) {
    if (req.gasPrice() != null) return dynamicFee(req, nonce, req.gasPrice(), req.gasPrice(), gas);
    UInt256 maxFee =
        req.maxFeePerGas() != null
            ? req.maxFeePerGas()
            : req.maxPriorityFeePerGas() != null ? req.maxPriorityFeePerGas() : UInt256.ZERO;
    UInt256 tip = req.maxPriorityFeePerGas() != null ? req.maxPriorityFeePerGas() : UInt256.ZERO;
    return dynamicFee(req, nonce, tip.min(maxFee), maxFee, gas);
  }

  private DynamicFeeTransaction dynamicFee(
      CallRequest req, long nonce, UInt256 tip, UInt256 maxFee, long gas) {
    return new DynamicFeeTransaction(
        OptionalLong.of(chain.chainId()),
        nonce,
        tip,
        maxFee,
        gas,
        req.to(),
        req.value(),
        req.data(),
        req.accessList(),
        Transaction.UNSIGNED);
  }

  static Executed executed(TransactionResult r) throws RpcException {
    return switch (r) {
      case Executed e -> e;
      case Rejected rej ->
          throw new RpcException(
              RpcException.SERVER_ERROR,
              EthErrors.wording(rej.error()) + (rej.detail() == null ? "" : ": " + rej.detail()));
    };
  }

  static RpcException failure(Executed r) {
    if (r.outcome() == Outcome.REVERT) {
      String reason = revertReason(r.output());
      return new RpcException(
          RpcException.EXECUTION_REVERTED,
          reason == null ? "execution reverted" : "execution reverted: " + reason,
          JsonNodeFactory.instance.textNode(r.output().toHex()));
    }
    return new RpcException(
        RpcException.SERVER_ERROR,
        r.haltReason() == null ? "execution failed" : r.haltReason().message());
  }

  /** The message of an Error(string) revert payload, or null when the data is not one. */
  static String revertReason(Bytes data) {
    if (data.size() < 4 + 64 || !data.slice(0, 4).equals(ERROR_SELECTOR)) return null;
    Bytes body = data.slice(4);
    UInt256 offset = UInt256.fromBytes(body.slice(0, 32));
    if (!offset.fitsLong() || offset.toLong() > body.size() - 32) return null;
    int off = (int) offset.toLong();
    UInt256 length = UInt256.fromBytes(body.slice(off, 32));
    if (!length.fitsLong() || length.toLong() > body.size() - off - 32) return null;
    return new String(
        body.slice(off + 32, (int) length.toLong()).toArray(), StandardCharsets.UTF_8);
  }
}

package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionError;
import io.levity.evm.BlockContext;
import io.levity.evm.Log;
import io.levity.evm.Outcome;
import io.levity.evm.WorldView;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.BlockRoots;
import io.levity.execution.block.FeeMarket;
import io.levity.execution.block.Receipt;
import io.levity.execution.state.BlobGas;
import io.levity.execution.state.TransactionResult;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.state.TrieWorldState;
import io.levity.node.api.CallExecutor.CallRequest;
import io.levity.node.api.SimulatePayload.SimBlock;
import io.levity.node.rpc.RpcException;
import io.levity.node.store.ChainReader.IndexedLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * eth_simulateV1: runs blocks of calls on top of a block, on one private state that carries from
 * call to call and block to block (never persisted), as go-ethereum does. Block numbers and
 * timestamps default to the parent's plus 1 and plus 12 and must increase; a gap in the numbers is
 * filled with empty blocks (256 blocks at most in all). Without {@code validation} the base fee
 * defaults to 0 and nonces are not checked (a call uses the sender's current nonce); with it, the
 * base fee follows EIP-1559 from the parent and nonce, fee and balance rules apply. A call that
 * reverts or halts is reported in its block ({@code error} code 3 with the revert data, or -32015);
 * an invalid call fails the whole request with go-ethereum's -380xx codes. The gas of all calls
 * together is capped at the node's call gas cap.
 */
final class Simulator {
  /** Seconds between a simulated block and its parent unless overridden. */
  static final long TIMESTAMP_INCREMENT = 12;

  static final int VM_ERROR = -32015;
  static final int BLOCK_NUMBER_INVALID = -38020;
  static final int BLOCK_TIMESTAMP_INVALID = -38021;
  static final int BLOCK_GAS_LIMIT_REACHED = -38015;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ChainView chain;
  private final CallExecutor calls;

  Simulator(ChainView chain, CallExecutor calls) {
    this.chain = chain;
    this.calls = calls;
  }

  /** Simulates the payload's blocks on top of {@code base}; one JSON block per simulated block. */
  JsonNode simulate(SimulatePayload payload, BlockHeader base) throws RpcException {
    for (SimBlock b : payload.blocks()) b.state().refuseCodeOn(calls.precompiles());
    List<SimBlock> blocks = fillGaps(payload.blocks(), base);
    TrieWorldState world = chain.stateAt(base);
    Map<Long, Bytes32> simulatedHashes = new HashMap<>();
    BlockContext.BlockHashLookup hashes =
        n ->
            n > base.number()
                ? simulatedHashes.getOrDefault(n, Bytes32.ZERO)
                : chain.blocks().canonicalHash(n).orElse(Bytes32.ZERO);
    long[] gasLeft = {calls.gasCap()};
    ArrayNode out = F.arrayNode();
    BlockHeader parent = base;
    for (SimBlock b : blocks) {
      Run run = new Run(payload, b, parent, world, hashes, gasLeft);
      BlockHeader header = run.execute();
      simulatedHashes.put(header.number(), header.hash());
      out.add(run.json(header));
      parent = header;
    }
    return out;
  }

  /**
   * Gives every block a number and a timestamp (the parent's plus 1 and plus 12 unless overridden),
   * checks both increase, and fills number gaps with empty blocks.
   */
  static List<SimBlock> fillGaps(List<SimBlock> asked, BlockHeader base) throws RpcException {
    List<SimBlock> out = new ArrayList<>();
    long number = base.number();
    long time = base.timestamp();
    for (SimBlock b : asked) {
      BlockOverrides o = b.block();
      long n = o.number() != null ? o.number() : number + 1;
      if (Long.compareUnsigned(n, number) <= 0) {
        throw new RpcException(
            BLOCK_NUMBER_INVALID,
            "block numbers must be in order: "
                + Long.toUnsignedString(n)
                + " <= "
                + Long.toUnsignedString(number));
      }
      if (Long.compareUnsigned(n - base.number(), SimulatePayload.MAX_BLOCKS) > 0) {
        throw new RpcException(
            SimulatePayload.CLIENT_LIMIT_EXCEEDED,
            "too many blocks: block "
                + Long.toUnsignedString(n)
                + " is more than "
                + SimulatePayload.MAX_BLOCKS
                + " past the base block "
                + base.number());
      }
      for (long gap = number + 1; gap < n; gap++) {
        time += TIMESTAMP_INCREMENT;
        out.add(
            new SimBlock(
                new BlockOverrides(gap, time, null, null, null, null, null),
                StateOverrides.NONE,
                List.of()));
      }
      long t = o.time() != null ? o.time() : time + TIMESTAMP_INCREMENT;
      if (Long.compareUnsigned(t, time) <= 0) {
        throw new RpcException(
            BLOCK_TIMESTAMP_INVALID,
            "block timestamps must be in order: "
                + Long.toUnsignedString(t)
                + " <= "
                + Long.toUnsignedString(time));
      }
      out.add(
          new SimBlock(
              new BlockOverrides(
                  n,
                  t,
                  o.gasLimit(),
                  o.feeRecipient(),
                  o.prevRandao(),
                  o.baseFee(),
                  o.blobBaseFee()),
              b.state(),
              b.calls()));
      number = n;
      time = t;
    }
    return out;
  }

  /** One simulated block being run. */
  private final class Run {
    private final SimulatePayload payload;
    private final SimBlock block;
    private final BlockHeader parent;
    private final TrieWorldState world;
    private final long[] gasLeft;
    private final BlockContext ctx;
    private final long excessBlobGas;
    private final List<Transaction> txs = new ArrayList<>();
    private final List<Address> senders = new ArrayList<>();
    private final List<Receipt> receipts = new ArrayList<>();
    private final List<Executed> results = new ArrayList<>();
    private final List<List<Log>> logs = new ArrayList<>();
    private long gasUsed;

    Run(
        SimulatePayload payload,
        SimBlock block,
        BlockHeader parent,
        TrieWorldState world,
        BlockContext.BlockHashLookup hashes,
        long[] gasLeft) {
      this.payload = payload;
      this.block = block;
      this.parent = parent;
      this.world = world;
      this.gasLeft = gasLeft;
      BlockOverrides o = block.block();
      UInt256 baseFee =
          o.baseFee() != null
              ? o.baseFee()
              : payload.validation() ? FeeMarket.nextBaseFee(parent) : UInt256.ZERO;
      excessBlobGas = FeeMarket.nextExcessBlobGas(parent);
      ctx =
          new BlockContext(
              o.feeRecipient() != null ? o.feeRecipient() : parent.coinbase(),
              o.number(),
              o.time(),
              o.gasLimit() != null ? o.gasLimit() : parent.gasLimit(),
              o.prevRandao() != null ? o.prevRandao() : Bytes32.ZERO,
              baseFee,
              o.blobBaseFee() != null ? o.blobBaseFee() : BlobGas.baseFee(excessBlobGas),
              chain.chainId(),
              hashes);
    }

    BlockHeader execute() throws RpcException {
      block.state().apply(world);
      for (CallRequest req : block.calls()) call(req);
      Bytes32 stateRoot = world.stateRoot();
      return BlockHeader.cancun(
          parent.hash(),
          ctx.coinbase(),
          stateRoot,
          BlockRoots.transactionsRoot(txs),
          BlockRoots.receiptsRoot(receipts),
          BlockRoots.logsBloom(receipts),
          ctx.number(),
          ctx.gasLimit(),
          gasUsed,
          ctx.timestamp(),
          Bytes.EMPTY,
          ctx.prevRandao(),
          ctx.baseFee(),
          0,
          excessBlobGas,
          Bytes32.ZERO);
    }

    private void call(CallRequest req) throws RpcException {
      world.beginTransaction();
      long blockLeft = ctx.gasLimit() - gasUsed;
      long gas = req.gas() != null ? req.gas() : blockLeft;
      if (Long.compareUnsigned(gas, blockLeft) > 0) {
        throw new RpcException(
            BLOCK_GAS_LIMIT_REACHED,
            "block gas limit reached: "
                + gasUsed
                + " used of "
                + ctx.gasLimit()
                + ", the call asks for "
                + Long.toUnsignedString(gas));
      }
      if (gasLeft[0] <= 0) throw allowanceUsed();
      boolean capped = Long.compareUnsigned(gas, gasLeft[0]) > 0;
      if (capped) gas = gasLeft[0];
      long nonce =
          payload.validation() && req.nonce() != null ? req.nonce() : world.nonce(req.from());
      Transaction tx = calls.dynamicFee(req, nonce, gas);
      // Without validation, a call without fees runs at a zero base fee (go-ethereum skips the fee
      // check then); BASEFEE reads the block's.
      BlockContext c = ctx;
      if (!payload.validation() && !req.hasFees() && !ctx.baseFee().isZero()) {
        c =
            new BlockContext(
                ctx.coinbase(),
                ctx.number(),
                ctx.timestamp(),
                ctx.gasLimit(),
                ctx.prevRandao(),
                UInt256.ZERO,
                ctx.blobBaseFee(),
                ctx.chainId(),
                ctx.blockHashes());
      }
      RecordingWorld recorder = payload.traceTransfers() ? new RecordingWorld(world) : null;
      WorldView w = recorder != null ? recorder : world;
      TransactionResult result = calls.execute(w, c, tx, req.from(), blockLeft, recorder);
      Executed r =
          switch (result) {
            case Executed e -> e;
            case Rejected rej
                when capped && rej.error() == TransactionError.INTRINSIC_GAS_TOO_LOW ->
                throw allowanceUsed();
            case Rejected rej -> throw invalid(rej);
          };
      gasUsed += r.gasUsed();
      gasLeft[0] -= r.gasUsed();
      txs.add(tx);
      senders.add(req.from());
      results.add(r);
      receipts.add(Receipt.of(tx.type(), r.status(), gasUsed, r.logs()));
      logs.add(recorder != null && r.isSuccess() ? recorder.logsWithTransfers(r.logs()) : r.logs());
    }

    private RpcException allowanceUsed() {
      return new RpcException(
          SimulatePayload.CLIENT_LIMIT_EXCEEDED,
          "the simulation has used its gas allowance of "
              + calls.gasCap()
              + " (the node's call gas cap): "
              + gasLeft[0]
              + " gas left, too little for the next call");
    }

    ObjectNode json(BlockHeader header) {
      Block b = new Block(header, txs);
      Bytes32 hash = b.hash();
      ObjectNode o = EthJson.block(b, false, chain.chainId());
      if (payload.fullTransactions()) {
        ArrayNode full = o.putArray("transactions");
        for (int i = 0; i < txs.size(); i++) {
          full.add(
              EthJson.transaction(
                  txs.get(i),
                  senders.get(i),
                  new EthJson.Position(hash, header.number(), i, header.baseFeeOrZero()),
                  chain.chainId()));
        }
      }
      ArrayNode callsJson = o.putArray("calls");
      int logIndex = 0;
      for (int i = 0; i < results.size(); i++) {
        Executed r = results.get(i);
        ObjectNode c = callsJson.addObject();
        c.put("returnData", r.output().toHex());
        ArrayNode ls = c.putArray("logs");
        for (Log l : logs.get(i)) {
          ObjectNode log =
              EthJson.log(
                  new IndexedLog(l, hash, header.number(), txs.get(i).hash(), i, logIndex++));
          ls.add(log.put("blockTimestamp", EthJson.q(header.timestamp())));
        }
        c.put("gasUsed", EthJson.q(r.gasUsed()));
        // The gas the call needed before its refund (what a transaction's gas limit must cover).
        c.put("maxUsedGas", EthJson.q(r.gasUsed() + r.gasRefunded()));
        c.put("status", EthJson.q(r.status()));
        if (!r.isSuccess()) c.set("error", error(r));
      }
      return o;
    }
  }

  private static ObjectNode error(Executed r) {
    ObjectNode e = F.objectNode();
    if (r.outcome() == Outcome.REVERT) {
      String reason = CallExecutor.revertReason(r.output());
      e.put("message", reason == null ? "execution reverted" : "execution reverted: " + reason);
      e.put("code", RpcException.EXECUTION_REVERTED);
      e.put("data", r.output().toHex());
    } else {
      e.put("message", r.haltReason() == null ? "execution failed" : r.haltReason().message());
      e.put("code", VM_ERROR);
    }
    return e;
  }

  /** An invalid call fails the whole simulation, with go-ethereum's code for its reason. */
  static RpcException invalid(Rejected r) {
    int code =
        switch (r.error()) {
          case NONCE_MISMATCH_TOO_LOW -> -38010;
          case NONCE_MISMATCH_TOO_HIGH -> -38011;
          case INTRINSIC_GAS_TOO_LOW -> -38013;
          case INSUFFICIENT_ACCOUNT_FUNDS, GAS_LIMIT_PRICE_PRODUCT_OVERFLOW -> -38014;
          case GAS_ALLOWANCE_EXCEEDED -> BLOCK_GAS_LIMIT_REACHED;
          case SENDER_NOT_EOA -> -38024;
          case INITCODE_SIZE_EXCEEDED -> -38025;
          case INSUFFICIENT_MAX_FEE_PER_GAS,
              PRIORITY_FEE_GREATER_THAN_MAX_FEE,
              GAS_PRICE_OVERFLOW,
              PRIORITY_FEE_OVERFLOW ->
              RpcException.INVALID_PARAMS;
          default -> RpcException.INTERNAL_ERROR;
        };
    return new RpcException(code, EthErrors.wording(r.error()) + ": " + r.detail());
  }
}

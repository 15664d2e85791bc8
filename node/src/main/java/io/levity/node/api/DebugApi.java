package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.core.tx.Transaction;
import io.levity.evm.BlockContext;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockExecutor;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.IntrinsicGas;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.node.api.trace.TraceBudget;
import io.levity.node.api.trace.TraceLimitException;
import io.levity.node.api.trace.TraceLimits;
import io.levity.node.api.trace.TraceOptions;
import io.levity.node.api.trace.TraceRunner;
import io.levity.node.api.trace.TraceRunner.TraceFailure;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import io.levity.node.store.ChainReader.TransactionLocation;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * debug_traceTransaction, debug_traceCall, debug_traceBlockByNumber and debug_traceBlockByHash in
 * geth's formats (see docs/tracing.md). A transaction of block N is replayed on a private state at
 * block N-1 under the importer's block context ({@link BlockExecutor#context}). Limits (steps,
 * bytes, block size, time) answer -32000 with the limit named; an unknown tracer answers -32602.
 */
public final class DebugApi {
  private final ChainView chain;
  private final Fork fork;
  private final long callGasCap;
  private final TraceLimits limits;
  private final TimeSource time;
  private final BlockTags tags;
  private final CallExecutor calls;

  public DebugApi(
      ChainView chain, Fork fork, long callGasCap, TraceLimits limits, TimeSource time) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.fork = Objects.requireNonNull(fork, "fork");
    this.callGasCap = callGasCap;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.time = Objects.requireNonNull(time, "time");
    this.tags = new BlockTags(chain);
    this.calls = new CallExecutor(chain, fork, callGasCap);
  }

  public void register(JsonRpcProcessor rpc) {
    rpc.register("debug_traceTransaction", this::traceTransaction);
    rpc.register("debug_traceCall", this::traceCall);
    rpc.register(
        "debug_traceBlockByNumber",
        p -> traceBlock(tags.block(p.node(0)).orElseThrow(() -> notFound("block")), p));
    rpc.register(
        "debug_traceBlockByHash",
        p -> traceBlock(chain.blocks().block(p.hash(0)).orElseThrow(() -> notFound("block")), p));
  }

  private TraceOptions options(Params p, int i) throws RpcException {
    try {
      return TraceOptions.parse(p.has(i) ? p.node(i) : null, limits);
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams(e.getMessage());
    }
  }

  private JsonNode traceTransaction(Params p) throws RpcException {
    Bytes32 hash = p.hash(0);
    TraceOptions o = options(p, 1);
    TransactionLocation at =
        chain.blocks().transactionLocation(hash).orElseThrow(() -> notFound("transaction"));
    Block block = chain.blocks().block(at.blockHash()).orElseThrow(() -> notFound("block"));
    Supplier<TrieWorldState> parent = parentState(block);
    return run(
        () ->
            runner()
                .traceInBlock(
                    parent,
                    context(block.header()),
                    block.transactions(),
                    at.index(),
                    o,
                    budget(o)));
  }

  private JsonNode traceBlock(Block block, Params p) throws RpcException {
    TraceOptions o = options(p, 1);
    if (block.transactions().size() > limits.maxBlockTransactions()) {
      throw new RpcException(
          RpcException.SERVER_ERROR,
          "block has "
              + block.transactions().size()
              + " transactions, more than the trace limit of "
              + limits.maxBlockTransactions());
    }
    Supplier<TrieWorldState> parent = parentState(block);
    return run(
        () ->
            runner()
                .traceBlock(parent, context(block.header()), block.transactions(), o, budget(o)));
  }

  /** As geth: the call runs on the state after the given block, under that block's context. */
  private JsonNode traceCall(Params p) throws RpcException {
    CallExecutor.CallRequest req = CallExecutor.parse(p.node(0));
    BlockHeader at = tags.header(p.has(1) ? p.node(1) : null);
    TraceOptions o = options(p, 2);
    long gas = Math.min(req.gas() == null ? at.gasLimit() : req.gas(), callGasCap);
    TrieWorldState world = chain.stateAt(at);
    TrieWorldState pre = chain.stateAt(at);
    // the call's transaction as eth_call builds it (an access list makes it EIP-1559)
    Transaction tx = calls.transaction(req, world.nonce(req.from()), gas);
    long intrinsic = IntrinsicGas.of(tx, fork);
    if (Long.compareUnsigned(gas, intrinsic) < 0) {
      throw new RpcException(
          RpcException.SERVER_ERROR, "intrinsic gas too low: gas " + gas + ", need " + intrinsic);
    }
    BlockContext base = context(at);
    BlockContext ctx =
        req.hasFees()
            ? base
            : new BlockContext(
                base.coinbase(),
                base.number(),
                base.timestamp(),
                base.gasLimit(),
                base.prevRandao(),
                UInt256.ZERO,
                base.blobBaseFee(),
                base.chainId(),
                base.blockHashes());
    world.beginTransaction();
    pre.beginTransaction();
    TraceRunner runner =
        new TraceRunner(new StateTransition(fork, chain.chainId()).forSimulatedCalls());
    ValidatedTransaction v = new ValidatedTransaction(tx, req.from(), intrinsic);
    return run(() -> runner.trace(world, pre, ctx, v, Long.MAX_VALUE, o, budget(o)));
  }

  private interface Trace {
    JsonNode run() throws TraceFailure;
  }

  private static JsonNode run(Trace t) throws RpcException {
    try {
      return t.run();
    } catch (TraceLimitException | TraceFailure e) {
      throw new RpcException(RpcException.SERVER_ERROR, e.getMessage());
    }
  }

  private TraceRunner runner() {
    return new TraceRunner(fork, chain.chainId());
  }

  private TraceBudget budget(TraceOptions o) {
    return new TraceBudget(limits, time, o.timeoutMillis());
  }

  private BlockContext context(BlockHeader h) {
    return BlockExecutor.context(
        h, chain.chainId(), n -> chain.blocks().canonicalHash(n).orElse(Bytes32.ZERO));
  }

  private Supplier<TrieWorldState> parentState(Block block) throws RpcException {
    BlockHeader h = block.header();
    if (h.number() == 0)
      throw new RpcException(RpcException.SERVER_ERROR, "genesis is not traceable");
    BlockHeader parent =
        chain
            .blocks()
            .block(h.parentHash())
            .map(Block::header)
            .orElseThrow(() -> notFound("parent block"));
    return () -> chain.stateBefore(h, parent);
  }

  private static RpcException notFound(String what) {
    return new RpcException(RpcException.SERVER_ERROR, what + " not found");
  }
}

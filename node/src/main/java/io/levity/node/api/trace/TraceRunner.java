package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.evm.BlockContext;
import io.levity.evm.WorldView;
import io.levity.execution.block.WorldState;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs transactions under a tracer the way the block importer ran them: the same {@link
 * StateTransition}, the same block context, the block's earlier transactions replayed untraced
 * first. The prestate tracer reads the pre-state from a second world kept one transaction behind.
 */
public final class TraceRunner {
  /** A transaction could not run (rejected against the state), said for the client. */
  public static final class TraceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public TraceFailure(String message) {
      super(message);
    }
  }

  private final StateTransition transition;

  public TraceRunner(Fork fork, long chainId) {
    this(new StateTransition(fork, chainId));
  }

  /** With a transition configured by the caller (e.g. for simulated calls). */
  public TraceRunner(StateTransition transition) {
    this.transition = transition;
  }

  /** The tracer the options name. */
  public static TxTracer tracer(
      TraceOptions options, TraceBudget budget, WorldView pre, WorldView post) {
    if (options.tracer() == null) return new StructLogger(options, budget);
    return switch (options.tracer()) {
      case TraceOptions.CALL_TRACER -> new CallTracer(options, budget);
      case TraceOptions.PRESTATE_TRACER -> new PrestateTracer(options, budget, pre, post);
      default -> throw new IllegalArgumentException("unknown tracer " + options.tracer());
    };
  }

  /**
   * Traces one transaction on {@code world} (which it changes). The caller has called {@code
   * beginTransaction()} on the worlds.
   *
   * @param pre the same state as {@code world} before the transaction, read by the prestate tracer
   *     only (may be {@code world} itself for other tracers)
   */
  public JsonNode trace(
      WorldView world,
      WorldView pre,
      BlockContext block,
      ValidatedTransaction tx,
      long gasAvailable,
      TraceOptions options,
      TraceBudget budget)
      throws TraceFailure {
    return run(world, pre, block, tx, gasAvailable, options, budget).result();
  }

  private record Traced(JsonNode result, long gasUsed) {}

  private Traced run(
      WorldView world,
      WorldView pre,
      BlockContext block,
      ValidatedTransaction tx,
      long gasAvailable,
      TraceOptions options,
      TraceBudget budget)
      throws TraceFailure {
    TxTracer tracer = tracer(options, budget, pre, world);
    budget.checkTime();
    TransactionResult r = transition.apply(world, block, tx, gasAvailable, tracer);
    return switch (r) {
      case Rejected rej -> throw new TraceFailure("transaction rejected: " + rej);
      case Executed ex ->
          new Traced(
              tracer.result(
                  new TxInfo(
                      tx.sender(),
                      tx.transaction().to(),
                      block.coinbase(),
                      tx.transaction().gasLimit(),
                      tx.transaction().value(),
                      tx.transaction().data()),
                  ex),
              ex.gasUsed());
    };
  }

  /**
   * Replays {@code txs[0..index)} of a block on a fresh state at its parent, then traces {@code
   * txs[index]}.
   *
   * @param parentState fresh private copies of the state at the block's parent
   */
  public JsonNode traceInBlock(
      Supplier<? extends WorldState> parentState,
      BlockContext block,
      List<Transaction> txs,
      int index,
      TraceOptions options,
      TraceBudget budget)
      throws TraceFailure {
    boolean prestate = TraceOptions.PRESTATE_TRACER.equals(options.tracer());
    WorldState world = parentState.get();
    WorldState pre = prestate ? parentState.get() : world;
    long gasLeft = block.gasLimit();
    for (int i = 0; i < index; i++) {
      gasLeft -= replay(world, block, txs.get(i), gasLeft, budget);
      if (prestate) replay(pre, block, txs.get(i), Long.MAX_VALUE, budget);
    }
    world.beginTransaction();
    if (prestate) pre.beginTransaction();
    return trace(world, pre, block, validated(txs.get(index)), gasLeft, options, budget);
  }

  /** Traces every transaction of a block: {@code [{txHash, result}]} as geth answers. */
  public ArrayNode traceBlock(
      Supplier<? extends WorldState> parentState,
      BlockContext block,
      List<Transaction> txs,
      TraceOptions options,
      TraceBudget budget)
      throws TraceFailure {
    boolean prestate = TraceOptions.PRESTATE_TRACER.equals(options.tracer());
    WorldState world = parentState.get();
    WorldState pre = prestate ? parentState.get() : world;
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    long gasLeft = block.gasLimit();
    for (Transaction tx : txs) {
      world.beginTransaction();
      if (prestate) pre.beginTransaction();
      Traced t = run(world, pre, block, validated(tx), gasLeft, options, budget);
      gasLeft -= t.gasUsed();
      if (prestate) replay(pre, block, tx, Long.MAX_VALUE, budget);
      var entry = out.addObject();
      entry.put("txHash", tx.hash().toString());
      entry.set("result", t.result());
    }
    return out;
  }

  private long replay(
      WorldState w, BlockContext block, Transaction tx, long gasLeft, TraceBudget budget)
      throws TraceFailure {
    budget.checkTime();
    w.beginTransaction();
    TransactionResult r = transition.apply(w, block, validated(tx), gasLeft, null);
    return switch (r) {
      case Rejected rej ->
          throw new TraceFailure("replaying transaction " + tx.hash() + " failed: " + rej);
      case Executed ex -> ex.gasUsed();
    };
  }

  private ValidatedTransaction validated(Transaction tx) throws TraceFailure {
    try {
      return new TransactionValidator(transition.fork(), transition.chainId()).validate(tx);
    } catch (InvalidTransactionException e) {
      throw new TraceFailure("transaction " + tx.hash() + " is invalid: " + e.getMessage());
    }
  }
}

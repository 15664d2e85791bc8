package io.levity.node.api.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.evm.trace.Tracer;
import io.levity.execution.state.TransactionResult.Executed;

/** A tracer that turns one transaction's run into its geth-format JSON result. */
public interface TxTracer extends Tracer {
  /** The result once the transaction ran (and the world holds its post-state). */
  JsonNode result(TxInfo tx, Executed executed);
}

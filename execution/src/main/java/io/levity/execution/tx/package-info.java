/**
 * Ethereum transactions: the four envelopes ({@link io.levity.execution.tx.Transaction}), strict decoding
 * ({@link io.levity.execution.tx.TransactionDecoder}), signing, intrinsic gas and the stateless validity rules
 * per fork ({@link io.levity.execution.tx.TransactionValidator}). See docs/execution.md.
 */
package io.levity.execution.tx;

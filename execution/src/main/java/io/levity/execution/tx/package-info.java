/**
 * The stateless validity rules of transactions per fork: intrinsic gas and {@link
 * io.levity.execution.tx.TransactionValidator}. The envelopes themselves (decoding, encoding,
 * signing) are in {@code io.levity.core.tx}. See docs/execution.md.
 */
package io.levity.execution.tx;

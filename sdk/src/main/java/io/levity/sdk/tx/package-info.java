/**
 * Transactions from a client: {@link io.levity.sdk.tx.TxRequest} says what to do, {@link
 * io.levity.sdk.tx.Wallet} fills in what the node knows (chain id, fees, gas), takes a nonce from
 * its {@link io.levity.sdk.tx.NonceManager}, signs with core's {@code TransactionSigner} and sends;
 * {@link io.levity.sdk.tx.ReceiptWaiter} waits for the receipt with a deadline. Signing needs only
 * core's wire format, never the EVM.
 */
package io.levity.sdk.tx;

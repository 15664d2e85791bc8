package io.levity.cli.bench.imports;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.sdk.tx.Fees;
import io.levity.sdk.tx.TxRequest;

/** What the measured blocks of a workload hold. */
enum ImportWorkload {
  ETH("eth", "ETH transfers of 1 wei to fresh accounts"),
  ERC20("erc20", "BenchToken transfer(fresh account, 1)"),
  MIXED("mixed", "ETH and ERC-20 transfers alternating, to fresh accounts");

  /** The gas limit of a token transfer: above a transfer to a fresh account (about 52k). */
  static final long TOKEN_TRANSFER_GAS = 100_000;

  /** EIP-1559 fees well above the base fee, which only falls on these half-empty blocks. */
  static final Fees FEES = new Fees(ImportChain.PRIORITY_FEE, ImportChain.MAX_FEE);

  /** {@code transfer(address,uint256)}. */
  private static final byte[] TRANSFER_SELECTOR = {(byte) 0xa9, 0x05, (byte) 0x9c, (byte) 0xbb};

  final String label;
  final String description;

  ImportWorkload(String label, String description) {
    this.label = label;
    this.description = description;
  }

  boolean usesToken() {
    return this != ETH;
  }

  static ImportWorkload of(String label) {
    for (ImportWorkload w : values()) if (w.label.equals(label)) return w;
    throw new IllegalArgumentException("unknown workload " + label + " (eth, erc20, mixed or all)");
  }

  /** The unsigned {@code index}-th transaction of a block of this workload. */
  Transaction draft(long chainId, int index, long nonce, Address recipient, Address token) {
    boolean eth = this == ETH || (this == MIXED && index % 2 == 0);
    return eth
        ? TxRequest.transfer(recipient, UInt256.ONE)
            .draft(chainId, nonce, TransactionSigner.TRANSFER_GAS, FEES)
        : tokenTransfer(chainId, nonce, token, recipient, UInt256.ONE);
  }

  static Transaction tokenTransfer(
      long chainId, long nonce, Address token, Address to, UInt256 amount) {
    return TxRequest.call(token, transferCall(to, amount))
        .draft(chainId, nonce, TOKEN_TRANSFER_GAS, FEES);
  }

  /** The ABI call data of {@code transfer(to, amount)}. */
  static Bytes transferCall(Address to, UInt256 amount) {
    byte[] data = new byte[4 + 32 + 32];
    System.arraycopy(TRANSFER_SELECTOR, 0, data, 0, 4);
    System.arraycopy(to.toArray(), 0, data, 4 + 12, 20);
    System.arraycopy(amount.toBytes32().toArray(), 0, data, 36, 32);
    return Bytes.wrap(data);
  }
}

package io.levity.cli.bench.imports;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What the measured blocks of a workload hold. */
enum ImportWorkload {
  ETH("eth", "ETH transfers of 1 wei to fresh accounts"),
  ERC20("erc20", "BenchToken transfer(fresh account, 1)"),
  MIXED("mixed", "ETH and ERC-20 transfers alternating, to fresh accounts");

  /** The gas limit of a token transfer: above a transfer to a fresh account (about 52k). */
  static final long TOKEN_TRANSFER_GAS = 100_000;

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
        ? dynamicFee(
            chainId,
            nonce,
            TransactionSigner.TRANSFER_GAS,
            Optional.of(recipient),
            UInt256.ONE,
            Bytes.EMPTY)
        : tokenTransfer(chainId, nonce, token, recipient, UInt256.ONE);
  }

  static Transaction tokenTransfer(
      long chainId, long nonce, Address token, Address to, UInt256 amount) {
    return dynamicFee(
        chainId,
        nonce,
        TOKEN_TRANSFER_GAS,
        Optional.of(token),
        UInt256.ZERO,
        transferCall(to, amount));
  }

  static Transaction dynamicFee(
      long chainId, long nonce, long gas, Optional<Address> to, UInt256 value, Bytes data) {
    return new DynamicFeeTransaction(
        OptionalLong.of(chainId),
        nonce,
        ImportChain.PRIORITY_FEE,
        ImportChain.MAX_FEE,
        gas,
        to,
        value,
        data,
        List.of(),
        Transaction.UNSIGNED);
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

package io.levity.cli.bench.tps;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.tx.Fees;
import io.levity.sdk.tx.TxRequest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the benchmark's transactions do. Every transaction pays to a recipient that has never been
 * used.
 */
public sealed interface Workload permits Workload.EthTransfers, Workload.TokenTransfers {
  /**
   * A 1 gwei tip and a 2000 gwei cap: far above the base fee either chain reaches in a run (full
   * blocks raise it 12.5% a block), so no transaction waits on the fee, and cheap for the 10000 ETH
   * dev accounts (the cap times the gas limit is what the mempool checks against the balance).
   */
  Fees DEFAULT_FEES =
      new Fees(UInt256.valueOf(1_000_000_000L), UInt256.valueOf(2000 * 1_000_000_000L));

  /** Short name used in tables and JSON ("eth", "erc20"). */
  String name();

  /** One line saying what each transaction does. */
  String description();

  long gasLimit();

  /** What a transaction of this workload does for a recipient (the gas limit is fixed). */
  TxRequest request(Address recipient);

  /** The unsigned EIP-1559 transaction of this workload for a sender's nonce and a recipient. */
  default Transaction draft(long chainId, long nonce, Address recipient, Fees fees) {
    return request(recipient).draft(chainId, nonce, gasLimit(), fees);
  }

  /** 1 wei ETH transfers with 21000 gas. */
  record EthTransfers() implements Workload {
    @Override
    public String name() {
      return "eth";
    }

    @Override
    public String description() {
      return "ETH transfers of 1 wei to fresh addresses, 21000 gas";
    }

    @Override
    public long gasLimit() {
      return TransactionSigner.TRANSFER_GAS;
    }

    @Override
    public TxRequest request(Address recipient) {
      return TxRequest.transfer(recipient, UInt256.ONE);
    }
  }

  /**
   * {@code transfer(recipient, 1)} on a deployed ERC-20 ({@link TokenSetup} deploys and funds it).
   *
   * @param estimate the node's eth_estimateGas for one such transfer, from which the gas limit was
   *     derived
   */
  record TokenTransfers(Address token, long gasLimit, long estimate) implements Workload {
    static final AbiFunction TRANSFER = AbiFunction.parse("transfer(address,uint256)");

    @Override
    public String name() {
      return "erc20";
    }

    @Override
    public String description() {
      return "ERC-20 transfer(fresh address, 1) on BenchToken "
          + token.toChecksumHex()
          + ", gas limit "
          + gasLimit
          + " (estimate "
          + estimate
          + " + 10%)";
    }

    @Override
    public TxRequest request(Address recipient) {
      return TxRequest.call(token, transferCall(recipient, UInt256.ONE));
    }

    static Bytes transferCall(Address to, UInt256 amount) {
      return TRANSFER.encodeCall(to, amount);
    }
  }

  /**
   * A recipient no one has used: the last 20 bytes of keccak256(salt, sender, seq). The salt
   * differs per run, so runs against the same node also pay fresh accounts.
   */
  static Address freshRecipient(long salt, int sender, long seq) {
    byte[] in = ByteBuffer.allocate(20).putLong(salt).putInt(sender).putLong(seq).array();
    byte[] h = Keccak.hash256(in);
    return Address.wrapAddress(Arrays.copyOfRange(h, 12, 32));
  }
}

package io.levity.cli.bench.tps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.evm.ContractAddress;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.CallRequest;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.Fees;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.SignedTx;
import io.levity.sdk.tx.TxRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The unmeasured setup of the ERC-20 workload: sender 0 deploys BenchToken
 * (bench/tps/BenchToken.json) holding the whole supply and gives every other sender an equal share;
 * then one transfer to a fresh address is estimated to fix the gas limit of the measured transfers.
 */
public final class TokenSetup {
  /** 10^30 token units (10^12 tokens of 18 decimals). */
  static final UInt256 SUPPLY = UInt256.valueOf(BigInteger.TEN.pow(30));

  static final long DEPLOY_GAS = 2_000_000;
  static final long SETUP_TRANSFER_GAS = 100_000;

  /** Setup transactions in flight per batch: below the mempool's per-sender limit (256). */
  static final int BATCH = 200;

  private TokenSetup() {}

  /** BenchToken's creation code, from bench/tps/BenchToken.json under the repository root. */
  public static Bytes benchTokenInitcode(Path repoRoot) throws IOException {
    Path file = repoRoot.resolve("bench/tps/BenchToken.json");
    JsonNode contract = new ObjectMapper().readTree(file.toFile());
    String code = contract.path("initcode").asText("");
    if (!code.startsWith("0x") || code.length() < 4)
      throw new IOException(file + " has no initcode");
    return Bytes.fromHex(code);
  }

  public static Workload.TokenTransfers run(
      EthRpc rpc,
      long chainId,
      List<Secp256k1.KeyPair> senders,
      Fees fees,
      Bytes initcode,
      Duration timeout,
      PrintWriter log)
      throws IOException {
    Secp256k1.KeyPair owner = senders.get(0);
    long nonce = rpc.getTransactionCount(owner.address(), BlockTag.PENDING);
    Address token = ContractAddress.create(owner.address(), nonce);
    List<SignedTx> txs = new ArrayList<>();
    TxRequest deploy = TxRequest.deploy(Bytes.concat(initcode, SUPPLY.toBytes32()));
    txs.add(SignedTx.sign(deploy.draft(chainId, nonce, DEPLOY_GAS, fees), owner));
    UInt256 share = SUPPLY.divide(UInt256.valueOf(senders.size() + 1L));
    for (int i = 1; i < senders.size(); i++) {
      TxRequest fund =
          TxRequest.call(
              token, Workload.TokenTransfers.transferCall(senders.get(i).address(), share));
      txs.add(SignedTx.sign(fund.draft(chainId, nonce + i, SETUP_TRANSFER_GAS, fees), owner));
    }
    log.printf(
        "setup: deploying BenchToken at %s and funding %d senders (%d transactions)%n",
        token.toChecksumHex(), senders.size() - 1, txs.size());
    ReceiptWaiter waiter = ReceiptWaiter.of(rpc, timeout, Duration.ofMillis(100));
    for (int from = 0; from < txs.size(); from += BATCH) {
      List<Bytes32> hashes = new ArrayList<>();
      for (SignedTx tx : txs.subList(from, Math.min(txs.size(), from + BATCH))) {
        hashes.add(rpc.sendRawTransaction(tx.raw()));
      }
      Map<Bytes32, TxReceipt> receipts = waiter.awaitAll(hashes);
      for (TxReceipt r : receipts.values()) {
        if (!r.succeeded())
          throw new IOException("setup transaction " + r.transactionHash() + " failed: " + r);
      }
      if (from == 0) {
        Address reported = receipts.get(hashes.get(0)).contractAddress().orElse(Address.ZERO);
        if (!reported.equals(token)) {
          throw new IOException("BenchToken deployed at " + reported + ", expected " + token);
        }
      }
    }
    if (rpc.getCode(token, BlockTag.LATEST).isEmpty())
      throw new IOException("no code at the BenchToken address " + token.toHex());
    long estimate = transferGasEstimate(rpc, senders.get(senders.size() - 1).address(), token);
    return new Workload.TokenTransfers(token, withMargin(estimate), estimate);
  }

  /** Gas of one transfer to a fresh address, as the node estimates it. */
  static long transferGasEstimate(EthRpc rpc, Address from, Address token) {
    return rpc.estimateGas(
        CallRequest.to(
                token,
                Workload.TokenTransfers.transferCall(
                    Workload.freshRecipient(-1, 0, 0), UInt256.ONE))
            .from(from));
  }

  /** 10% more, rounded up to a thousand. */
  static long withMargin(long gas) {
    long padded = gas + (gas + 9) / 10;
    return (padded + 999) / 1000 * 1000;
  }
}

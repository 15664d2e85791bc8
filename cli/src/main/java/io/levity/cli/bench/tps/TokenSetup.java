package io.levity.cli.bench.tps;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.ContractAddress;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  public static Workload.TokenTransfers run(
      RpcClient rpc,
      long chainId,
      List<Secp256k1.KeyPair> senders,
      Workload.Fees fees,
      Bytes initcode,
      Duration timeout,
      PrintStream log)
      throws IOException, InterruptedException {
    Secp256k1.KeyPair owner = senders.get(0);
    TransactionSigner signer = new TransactionSigner(owner);
    long nonce =
        RpcClient.quantity(rpc.call("eth_getTransactionCount", owner.address().toHex(), "pending"));
    Address token = ContractAddress.create(owner.address(), nonce);
    Bytes data = Bytes.concat(initcode, SUPPLY.toBytes32());
    List<Transaction> txs = new ArrayList<>();
    txs.add(
        signer.sign(
            new DynamicFeeTransaction(
                chainId,
                nonce,
                fees.maxPriorityFeePerGas(),
                fees.maxFeePerGas(),
                DEPLOY_GAS,
                Optional.empty(),
                UInt256.ZERO,
                data,
                List.of(),
                Transaction.UNSIGNED)));
    UInt256 share = SUPPLY.divide(UInt256.valueOf(senders.size() + 1L));
    for (int i = 1; i < senders.size(); i++) {
      txs.add(
          signer.sign(
              new DynamicFeeTransaction(
                  chainId,
                  nonce + i,
                  fees.maxPriorityFeePerGas(),
                  fees.maxFeePerGas(),
                  SETUP_TRANSFER_GAS,
                  Optional.of(token),
                  UInt256.ZERO,
                  Workload.TokenTransfers.transferCall(senders.get(i).address(), share),
                  List.of(),
                  Transaction.UNSIGNED)));
    }
    log.printf(
        "setup: deploying BenchToken at %s and funding %d senders (%d transactions)%n",
        token.toChecksumHex(), senders.size() - 1, txs.size());
    for (int from = 0; from < txs.size(); from += BATCH) {
      List<String> hashes = new ArrayList<>();
      for (Transaction tx : txs.subList(from, Math.min(txs.size(), from + BATCH))) {
        hashes.add(rpc.call("eth_sendRawTransaction", Hex.encode(tx.encode())).asText());
      }
      Map<String, JsonNode> receipts = awaitReceipts(rpc, hashes, timeout);
      for (Map.Entry<String, JsonNode> r : receipts.entrySet()) {
        if (!"0x1".equals(r.getValue().path("status").asText())) {
          throw new IOException(
              "setup transaction " + r.getKey() + " failed: receipt " + r.getValue());
        }
      }
      if (from == 0) {
        String reported = receipts.get(hashes.get(0)).path("contractAddress").asText("");
        if (!reported.equalsIgnoreCase(token.toHex())) {
          throw new IOException(
              "BenchToken deployed at " + reported + ", expected " + token.toHex());
        }
      }
    }
    String code = rpc.call("eth_getCode", token.toHex(), "latest").asText("0x");
    if (code.length() <= 2)
      throw new IOException("no code at the BenchToken address " + token.toHex());
    long estimate = transferGasEstimate(rpc, senders.get(senders.size() - 1).address(), token);
    return new Workload.TokenTransfers(token, withMargin(estimate), estimate);
  }

  /** Gas of one transfer to a fresh address, as the node estimates it. */
  static long transferGasEstimate(RpcClient rpc, Address from, Address token)
      throws IOException, InterruptedException {
    Map<String, String> call = new LinkedHashMap<>();
    call.put("from", from.toHex());
    call.put("to", token.toHex());
    call.put(
        "data",
        Workload.TokenTransfers.transferCall(Workload.freshRecipient(-1, 0, 0), UInt256.ONE)
            .toHex());
    return RpcClient.quantity(rpc.call("eth_estimateGas", call));
  }

  /** 10% more, rounded up to a thousand. */
  static long withMargin(long gas) {
    long padded = gas + (gas + 9) / 10;
    return (padded + 999) / 1000 * 1000;
  }

  /**
   * Polls (batched) until every hash has a receipt; throws if some have none within the timeout.
   */
  static Map<String, JsonNode> awaitReceipts(RpcClient rpc, List<String> hashes, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> missing = hashes.stream().filter(h -> !found.containsKey(h)).toList();
      if (missing.isEmpty()) return found;
      for (int i = 0; i < missing.size(); i += 100) {
        List<String> part = missing.subList(i, Math.min(missing.size(), i + 100));
        List<JsonNode> got =
            rpc.batch(
                "eth_getTransactionReceipt", part.stream().<List<Object>>map(List::of).toList());
        for (int k = 0; k < part.size(); k++) {
          if (got.get(k) != null && !got.get(k).isNull()) found.put(part.get(k), got.get(k));
        }
      }
      if (found.size() == hashes.size()) return found;
      if (System.nanoTime() > deadline) {
        throw new IOException(
            (hashes.size() - found.size())
                + " of "
                + hashes.size()
                + " setup transactions have no receipt after "
                + timeout.toSeconds()
                + " s");
      }
      Thread.sleep(100);
    }
  }
}

package io.levity.sdk;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiException;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.CallRequest;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.LogQuery;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.SignedTx;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deployed contract at an address: reads its functions with {@code eth_call}, sends transactions
 * to them from a {@link Wallet}, and reads its events back.
 */
public final class Contract {
  private final EthRpc rpc;
  private final Address address;

  public Contract(EthRpc rpc, Address address) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.address = Objects.requireNonNull(address, "address");
  }

  public Address address() {
    return address;
  }

  /** Calls {@code f} at the latest block and decodes what it returns. */
  public AbiValues call(AbiFunction f, Object... args) {
    return callAt(BlockTag.LATEST, f, args);
  }

  /**
   * Calls {@code f} at {@code block}. No return data where {@code f} declares some is an {@link
   * AbiException} saying so (usually: no contract at the address at that block).
   */
  public AbiValues callAt(BlockTag block, AbiFunction f, Object... args) {
    Bytes out = rpc.call(CallRequest.to(address, f.encodeCall(args)), block);
    if (out.isEmpty() && !f.outputs().isEmpty()) {
      throw new AbiException(
          "no return data from " + f.signature() + " at " + address + ": no contract there?");
    }
    return f.decodeReturn(out);
  }

  /** A transaction calling {@code f}, to pass to {@link Wallet#send} after adjusting it. */
  public TxRequest request(AbiFunction f, Object... args) {
    return TxRequest.call(address, f.encodeCall(args));
  }

  /** Sends a transaction calling {@code f} from {@code wallet}, without waiting. */
  public SignedTx send(Wallet wallet, AbiFunction f, Object... args) {
    return wallet.send(request(f, args));
  }

  /** Sends a transaction calling {@code f} and waits until it is mined successfully. */
  public TxReceipt transact(Wallet wallet, ReceiptWaiter waiter, AbiFunction f, Object... args) {
    return wallet.sendAndWait(request(f, args), waiter);
  }

  /**
   * The logs of {@code event} this contract emitted in {@code query}'s range (its address and first
   * topic are set here), decoded; logs a reorganisation removed are skipped.
   */
  public List<AbiValues> events(AbiEvent event, LogQuery query) {
    LogQuery q =
        new LogQuery(List.of(address), query.fromBlock(), query.toBlock(), query.topics())
            .withTopic(0, event.topic());
    List<AbiValues> out = new ArrayList<>();
    for (EthLog log : rpc.getLogs(q)) {
      if (!log.removed()) out.add(event.decode(log.topics(), log.data()));
    }
    return out;
  }
}

package io.levity.cli.chaos;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcTransportException;
import io.levity.sdk.tx.Fees;
import io.levity.sdk.tx.SignedTx;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady 21000-gas transfers from several dev accounts, each with explicit nonces, like a careful
 * client: a sender submits to its home node and, when that node does not answer (killed, say),
 * sends the same signed bytes to the next node, so a nonce is never skipped. A transaction counts
 * as acknowledged once some node returned its hash (or said the nonce is already used: mined).
 */
final class TransferLoad implements AutoCloseable {
  private static final long GWEI = 1_000_000_000L;
  private static final Fees FEES = new Fees(UInt256.valueOf(GWEI), UInt256.valueOf(100 * GWEI));
  private static final long RETRY_MILLIS = 200;
  private static final int MAX_MESSAGES = 20;

  private final List<EthRpc> nodes;
  private final List<Secp256k1.KeyPair> senders;
  private final long intervalNanos;
  private final TimeSource clock;
  private final Set<Bytes32> acknowledged = ConcurrentHashMap.newKeySet();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  /**
   * {@code ratePerSecond} transfers a second over all {@code senders}, spread over {@code nodes}.
   */
  TransferLoad(
      List<EthRpc> nodes, List<Secp256k1.KeyPair> senders, double ratePerSecond, TimeSource clock) {
    if (!(ratePerSecond > 0)) throw new IllegalArgumentException("--rate must be positive");
    this.nodes = List.copyOf(nodes);
    this.senders = List.copyOf(senders);
    this.intervalNanos = (long) (senders.size() * 1e9 / ratePerSecond);
    this.clock = clock;
  }

  /** Starts one thread per sender. */
  void start() {
    for (int s = 0; s < senders.size(); s++) {
      int sender = s;
      threads.add(Thread.ofPlatform().name("chaos-load-" + s).daemon().start(() -> run(sender)));
    }
  }

  /** Hashes of every acknowledged transaction so far. */
  Set<Bytes32> acknowledged() {
    return Set.copyOf(acknowledged);
  }

  /**
   * How many submissions a node refused (transport failures are retried elsewhere, not counted).
   */
  long refusals() {
    return refusals.get();
  }

  /** The first refusals and sender failures, as messages. */
  List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  private void run(int sender) {
    Secp256k1.KeyPair key = senders.get(sender);
    List<Wallet> wallets = nodes.stream().map(rpc -> new Wallet(rpc, key)).toList();
    int home = sender % nodes.size();
    byte[] seed = ("levity chaos recipient " + sender).getBytes(StandardCharsets.UTF_8);
    Address to = Address.fromWord(Keccak.hash(seed).toArray());
    TxRequest transfer =
        TxRequest.transfer(to, UInt256.valueOf(1_000_000_000_000L))
            .withGasLimit(21_000)
            .withFees(FEES);
    try {
      long nonce = firstNonce(wallets.get(home));
      long next = clock.nanoTime();
      while (running.get()) {
        SignedTx tx = wallets.get(home).sign(transfer, nonce);
        while (running.get() && !submit(wallets, home, tx)) sleep(RETRY_MILLIS);
        nonce++;
        next += intervalNanos;
        long wait = next - clock.nanoTime();
        if (wait > 0) sleep(wait / 1_000_000);
        else next = clock.nanoTime(); // behind (a node was down): do not burst to catch up
      }
    } catch (RuntimeException e) {
      if (running.get()) errors.add("sender " + sender + " stopped: " + e);
    }
  }

  /** The pending nonce from the home node, retried while it is not answering yet. */
  private long firstNonce(Wallet home) {
    for (int attempt = 0; ; attempt++) {
      try {
        return home.rpc().getTransactionCount(home.address(), BlockTag.PENDING);
      } catch (RpcTransportException e) {
        if (attempt > 50) throw e;
        sleep(RETRY_MILLIS);
      }
    }
  }

  /** Sends {@code tx} to the home node, else the next ones in turn; true once one took it. */
  private boolean submit(List<Wallet> wallets, int home, SignedTx tx) {
    for (int i = 0; i < wallets.size(); i++) {
      int node = (home + i) % wallets.size();
      try {
        wallets.get(node).resend(tx); // "already known" and "nonce too low" mean it is in
        acknowledged.add(tx.hash());
        return true;
      } catch (RpcTransportException down) {
        // try the next node
      } catch (RpcErrorException refused) {
        if (refusals.incrementAndGet() <= MAX_MESSAGES) {
          errors.add("node " + node + " refused nonce " + tx.nonce() + ": " + refused.getMessage());
        }
        return false;
      }
    }
    return false;
  }

  private static void sleep(long millis) {
    NetworkProbe.sleep(millis);
  }

  /** Stops sending and waits for the senders to finish their current transaction. */
  @Override
  public void close() {
    running.set(false);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}

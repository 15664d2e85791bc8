package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.chaos.ChaosNetwork;
import io.levity.testing.Await;
import io.levity.testing.RpcCalls;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Four validators as four separate OS processes ({@code levity init} + {@code levity node
 * --config}, through the {@code levity chaos} command's {@link ChaosNetwork}), under a steady load
 * of signed transfers: one validator is SIGKILLed and restarted and must catch up; another is cut
 * off through TCP proxies and must rejoin once the cut heals; the network keeps finalizing
 * throughout; at the end every acknowledged transaction has a successful receipt and all four nodes
 * hold the same blocks and state roots.
 */
class NetworkAcceptanceIT {
  private static final long CHAIN_ID = 1337;

  /** Dev accounts 2 and 3 of the {@code test test ... junk} mnemonic (public test keys). */
  private static final List<String> SENDER_KEYS =
      List.of(
          "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
          "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

  private static final int CUT_NODE = 2;
  private static final int KILLED_NODE = 3;

  @TempDir Path work;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private ChaosNetwork net;

  @AfterEach
  void stop() {
    if (net != null) net.close();
  }

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void keepsFinalizingThroughACrashAndAPartitionAndLosesNoTransaction() throws Exception {
    // levity init, then every p2p link through a TCP proxy per direction, four node processes
    net = ChaosNetwork.start(LevityCli.launcher(), work, 4, 500);
    awaitAll(h -> h >= 2, "height 2 on all four nodes", 90);

    Load load = new Load();
    load.start();
    awaitCondition(() -> load.acknowledged.get() >= 10, "the first transfers acknowledged", 60);

    // 1. SIGKILL a validator: the other three keep finalizing; restarted, it catches up.
    long before = height(0);
    net.kill(KILLED_NODE); // SIGKILL: no shutdown hook runs, nothing is flushed
    awaitCondition(
        () -> height(0) >= before + 4, "4 blocks finalized without validator " + KILLED_NODE, 60);
    long whileDown = height(0);
    net.restart(KILLED_NODE);
    awaitCondition(
        () -> height(KILLED_NODE) >= whileDown + 2, "the restarted validator catching up", 90);
    // Let it take part again (connected to every peer, its engine running) before the next fault.
    long rejoined = height(0);
    awaitAll(h -> h >= rejoined + 2, "all four finalizing together again", 60);

    // 2. Cut a validator off: the other three keep finalizing, it falls behind; healed, it rejoins.
    net.isolate(CUT_NODE);
    long atCut = height(0);
    awaitCondition(
        () -> height(0) >= atCut + 6,
        "6 blocks finalized while validator " + CUT_NODE + " is cut off",
        60);
    long cutHead = height(CUT_NODE);
    assertThat(cutHead).as("the cut-off validator cannot finalize alone").isLessThan(height(0) - 2);
    net.heal(CUT_NODE);
    long atHeal = height(0);
    awaitCondition(() -> height(CUT_NODE) >= atHeal + 2, "the cut-off validator rejoining", 90);

    // 3. Stop the load; nothing acknowledged may be lost, and every node holds the same chain.
    load.stop();
    assertThat(load.errors).as("unexpected RPC errors from the load").isEmpty();
    long acked = load.acknowledged.get();
    assertThat(acked).isGreaterThan(20);
    for (String hash : load.hashes) {
      awaitCondition(() -> receiptStatus(0, hash) != null, "a receipt for " + hash, 60);
      assertThat(receiptStatus(0, hash)).as("status of " + hash).isEqualTo("0x1");
    }
    long target = height(0);
    awaitAll(h -> h >= target, "every node at height " + target, 90);
    JsonNode reference = block(0, target);
    for (int i = 1; i < 4; i++) {
      JsonNode b = block(i, target);
      assertThat(b.get("hash").asText())
          .as("block %d on node %d", target, i)
          .isEqualTo(reference.get("hash").asText());
      assertThat(b.get("stateRoot").asText())
          .as("state root on node %d", i)
          .isEqualTo(reference.get("stateRoot").asText());
    }
    for (String key : SENDER_KEYS) {
      String address = Credentials.create(key).getAddress();
      String nonce0 =
          rpc(0, "eth_getTransactionCount", "[\"" + address + "\",\"latest\"]")
              .get("result")
              .asText();
      for (int i = 1; i < 4; i++) {
        assertThat(nonceAt(i, address, target)).isEqualTo(nonceAt(0, address, target));
      }
      assertThat(Long.decode(nonce0)).as("transactions of %s included", address).isPositive();
    }
    System.out.printf(
        "NetworkAcceptanceIT: %d transfers acknowledged and all included; final height %d; "
            + "cut-off validator was at %d while the others passed %d%n",
        acked, target, cutHead, atCut + 6);
  }

  /**
   * Steady transfers from two senders, each to its own node's RPC, with explicit nonces; records
   * acknowledged hashes.
   */
  private final class Load {
    final AtomicLong acknowledged = new AtomicLong();
    final Set<String> hashes = ConcurrentHashMap.newKeySet();
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    void start() {
      for (int s = 0; s < SENDER_KEYS.size(); s++) {
        int sender = s;
        Thread t = new Thread(() -> run(sender), "load-" + s);
        t.setDaemon(true);
        threads.add(t);
        t.start();
      }
    }

    private void run(int sender) {
      Credentials c = Credentials.create(SENDER_KEYS.get(sender));
      int node = sender; // nodes 0 and 1 are never killed nor cut
      String to = "0x" + Hash.sha3String("levity load recipient " + sender).substring(26);
      try {
        long nonce =
            Long.decode(
                rpc(node, "eth_getTransactionCount", "[\"" + c.getAddress() + "\",\"pending\"]")
                    .get("result")
                    .asText());
        while (running.get()) {
          RawTransaction tx =
              RawTransaction.createEtherTransaction(
                  CHAIN_ID,
                  BigInteger.valueOf(nonce),
                  BigInteger.valueOf(21_000),
                  to,
                  BigInteger.valueOf(1_000_000_000_000L),
                  BigInteger.valueOf(1_000_000_000L),
                  BigInteger.valueOf(100_000_000_000L));
          String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, CHAIN_ID, c));
          JsonNode r = rpc(node, "eth_sendRawTransaction", "[\"" + raw + "\"]");
          if (r.has("result")) {
            hashes.add(r.get("result").asText());
            acknowledged.incrementAndGet();
            nonce++;
          } else {
            errors.add(r.toString());
            Thread.sleep(200);
          }
          Thread.sleep(50); // about 20 transfers per second per sender
        }
      } catch (Exception e) {
        if (running.get()) errors.add(e.toString());
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      for (Thread t : threads) t.join(10_000);
    }
  }

  private long height(int node) {
    try {
      return Long.decode(rpc(node, "eth_blockNumber", "[]").get("result").asText());
    } catch (Exception e) {
      return -1; // down or not serving yet
    }
  }

  private String receiptStatus(int node, String hash) {
    try {
      JsonNode r = rpc(node, "eth_getTransactionReceipt", "[\"" + hash + "\"]").get("result");
      return r == null || r.isNull() ? null : r.get("status").asText();
    } catch (Exception e) {
      return null;
    }
  }

  private JsonNode block(int node, long number) throws Exception {
    return rpc(
            node,
            "eth_getBlockByNumber",
            "[\"" + Numeric.toHexStringWithPrefix(BigInteger.valueOf(number)) + "\",false]")
        .get("result");
  }

  private JsonNode rpc(int node, String method, String params)
      throws IOException, InterruptedException {
    return RpcCalls.call(http, net.rpcUrl(node), method, params);
  }

  /** The transaction count of {@code address} at block {@code number} on {@code node}. */
  private String nonceAt(int node, String address, long number) throws Exception {
    String block = Numeric.toHexStringWithPrefix(BigInteger.valueOf(number));
    return rpc(node, "eth_getTransactionCount", "[\"" + address + "\",\"" + block + "\"]")
        .get("result")
        .asText();
  }

  private void awaitAll(LongPredicate ok, String what, int seconds) throws Exception {
    awaitCondition(
        () -> {
          for (int i = 0; i < 4; i++) if (!ok.test(height(i))) return false;
          return true;
        },
        what,
        seconds);
  }

  /** Waits; on timeout the message has every node's height, peer count and last log lines. */
  private void awaitCondition(BooleanSupplier ok, String what, int seconds) throws Exception {
    Await.until(Duration.ofSeconds(seconds), ok, () -> what + "; " + networkState());
  }

  private String networkState() {
    StringBuilder sb = new StringBuilder("heights:");
    for (int i = 0; i < 4; i++) sb.append(' ').append(height(i));
    sb.append("; peers:");
    for (int i = 0; i < 4; i++) {
      try {
        sb.append(' ').append(Long.decode(rpc(i, "net_peerCount", "[]").get("result").asText()));
      } catch (Exception e) {
        sb.append(" ?");
      }
    }
    return sb.append(net.logs()).toString();
  }
}

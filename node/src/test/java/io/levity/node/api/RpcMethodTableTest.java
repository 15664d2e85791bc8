package io.levity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.node.dev.DevNode;
import io.levity.node.keys.DevAccounts;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.SubscriptionHub;
import io.levity.testing.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/rpc.md's method table against the methods the node registers: every method a BFT node or dev
 * mode serves has a row with the right status, and every row marked served is served.
 */
class RpcMethodTableTest {
  private static final Pattern ROW = Pattern.compile("^\\| (`[^|]+) \\| (yes|dev|no) \\|");
  private static final Pattern NAME = Pattern.compile("`([a-zA-Z0-9_]+)`");

  /** Method name to status, from the table's rows. */
  private static Map<String, String> documented() throws IOException {
    Path doc = Path.of("..", "docs", "rpc.md");
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(doc)) {
      Matcher row = ROW.matcher(line);
      if (!row.find()) continue;
      Matcher name = NAME.matcher(row.group(1));
      while (name.find()) out.put(name.group(1), row.group(2));
      // hardhat_ aliases are listed in the notes of the anvil_ row
      if (row.group(1).contains("`anvil_")) {
        Matcher alias = NAME.matcher(line.substring(row.end()));
        while (alias.find())
          if (alias.group(1).startsWith("hardhat_")) out.put(alias.group(1), "dev");
      }
    }
    return out;
  }

  /** Served by each WebSocket connection itself (WsRpcHandler), not by the shared processor. */
  private static final Set<String> WEBSOCKET_ONLY = Set.of("eth_subscribe", "eth_unsubscribe");

  private static Set<String> bftNodeMethods() {
    TestChain chain = new TestChain();
    ManualScheduler clock = new ManualScheduler();
    JsonRpcProcessor rpc = new JsonRpcProcessor(10);
    try (SubscriptionHub hub =
        new SubscriptionHub(new ObjectMapper(), clock, SubscriptionHub.Limits.DEFAULT)) {
      NodeApis.register(
          rpc,
          new NodeApis.Parts(
              new StoreChainView(TestChain.CHAIN_ID, chain.store, chain.mempool, () -> 0),
              EthApi.Config.DEFAULT,
              (tx, raw) -> {},
              chain.mempool,
              hub,
              clock,
              Address.ZERO));
    }
    Set<String> all = new TreeSet<>(rpc.methods());
    all.addAll(WEBSOCKET_ONLY);
    return all;
  }

  private static Set<String> devModeMethods() {
    try (DevNode dev =
        new DevNode(
            new DevNode.Config(1337, DevAccounts.dev(1), 1, 30_000_000L), new ManualScheduler())) {
      Set<String> all = new TreeSet<>(dev.rpc().methods());
      all.addAll(WEBSOCKET_ONLY);
      return all;
    }
  }

  @Test
  void everyServedMethodHasARowWithItsStatus() throws IOException {
    Map<String, String> doc = documented();
    Set<String> bft = bftNodeMethods();
    Set<String> dev = devModeMethods();
    assertThat(dev).containsAll(bft);
    for (String m : bft)
      assertThat(doc.get(m)).as("status of %s in docs/rpc.md", m).isEqualTo("yes");
    Set<String> devOnly = new TreeSet<>(dev);
    devOnly.removeAll(bft);
    devOnly.remove("eth_accounts"); // served everywhere; dev mode answers its accounts
    for (String m : devOnly)
      assertThat(doc.get(m)).as("status of %s in docs/rpc.md", m).isEqualTo("dev");
  }

  @Test
  void everyRowMarkedServedIsServed() throws IOException {
    Set<String> bft = bftNodeMethods();
    Set<String> dev = devModeMethods();
    for (Map.Entry<String, String> e : documented().entrySet()) {
      switch (e.getValue()) {
        case "yes" ->
            assertThat(bft).as("docs/rpc.md says %s is served", e.getKey()).contains(e.getKey());
        case "dev" ->
            assertThat(dev)
                .as("docs/rpc.md says dev mode serves %s", e.getKey())
                .contains(e.getKey());
        default ->
            assertThat(dev)
                .as("docs/rpc.md says %s is not served", e.getKey())
                .doesNotContain(e.getKey());
      }
    }
  }
}

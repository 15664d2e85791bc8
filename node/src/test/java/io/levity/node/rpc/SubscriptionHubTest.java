package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionHubTest {
  private final ObjectMapper json = new ObjectMapper();
  private final ManualScheduler publisher = new ManualScheduler();
  private final SubscriptionHub hub =
      new SubscriptionHub(json, publisher, new SubscriptionHub.Limits(2, 3, 4));

  private Params params(String text) throws Exception {
    return new Params(json.readTree(text));
  }

  @Test
  void publishingNeverWritesOnTheCallersThread() throws Exception {
    List<Thread> writers = new ArrayList<>();
    hub.subscribe(
        params("[\"newHeads\"]"),
        bytes -> {
          writers.add(Thread.currentThread());
          return true;
        });
    hub.publishHead(json.readTree("{\"number\":\"0x1\"}"));
    assertThat(writers).isEmpty(); // the caller (the consensus thread) only queued it
    publisher.runDue();
    assertThat(writers).hasSize(1);
  }

  @Test
  void blocksAreNotRenderedWithoutSubscribersNorQueuedWithoutLimit() throws Exception {
    List<String> rendered = new ArrayList<>();
    hub.publishBlock(
        () -> {
          rendered.add("head");
          return json.nullNode();
        },
        List::of);
    assertThat(publisher.pending()).isZero();
    hub.subscribe(params("[\"newHeads\"]"), bytes -> true);
    for (int i = 0; i < 10; i++) hub.publishHead(json.readTree("{}"));
    assertThat(publisher.pending()).isEqualTo(4);
    assertThat(hub.skippedBlocks()).isEqualTo(6);
    publisher.runDue();
    assertThat(rendered).isEmpty();
  }

  @Test
  void subscriptionsAreCappedPerConnectionAndInTotal() throws Exception {
    SubscriptionHub.Sink a = bytes -> true;
    SubscriptionHub.Sink b = bytes -> true;
    hub.subscribe(params("[\"newHeads\"]"), a);
    hub.subscribe(params("[\"newHeads\"]"), a);
    assertThatThrownBy(() -> hub.subscribe(params("[\"newHeads\"]"), a))
        .isInstanceOf(RpcException.class)
        .hasMessageContaining("on this connection (limit 2)");
    hub.subscribe(params("[\"newHeads\"]"), b);
    assertThatThrownBy(() -> hub.subscribe(params("[\"logs\"]"), b))
        .hasMessageContaining("on this node (limit 3)");
  }

  @Test
  void aConnectionEndsOnlyItsOwnSubscriptionsAndAGoneOneLosesThem() throws Exception {
    List<byte[]> received = new ArrayList<>();
    SubscriptionHub.Sink mine = bytes -> received.add(bytes);
    SubscriptionHub.Sink gone = bytes -> false;
    String id = hub.subscribe(params("[\"newHeads\"]"), mine);
    hub.subscribe(params("[\"newHeads\"]"), gone);
    assertThat(hub.unsubscribe(id, gone)).isFalse();
    hub.publishHead(json.readTree("{}"));
    publisher.runDue();
    assertThat(received).hasSize(1);
    assertThat(hub.size()).isEqualTo(1); // the sink that refused lost its subscription
    assertThat(hub.unsubscribe(id, mine)).isTrue();
  }

  @Test
  void pendingTransactionsAsHashesOrWholeAndSyncingIsAccepted() throws Exception {
    List<String> hashes = new ArrayList<>();
    List<String> full = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    String h = hub.subscribe(params("[\"newPendingTransactions\"]"), b -> hashes.add(text(b)));
    String f = hub.subscribe(params("[\"newPendingTransactions\", true]"), b -> full.add(text(b)));
    String s = hub.subscribe(params("[\"syncing\"]"), b -> heads.add(text(b)));
    assertThat(List.of(h, f, s)).allMatch(id -> id.matches("0x[0-9a-f]{32}"));
    int[] rendered = {0};
    hub.publishPendingTransaction(
        "0xaa",
        () -> {
          rendered[0]++;
          return json.createObjectNode().put("hash", "0xaa");
        });
    assertThat(rendered[0]).isZero(); // rendered on the publisher, not the caller
    publisher.runDue();
    assertThat(hashes).hasSize(1);
    JsonNode hashNote = json.readTree(hashes.get(0));
    assertThat(hashNote.get("method").asText()).isEqualTo("eth_subscription");
    assertThat(hashNote.get("params").get("subscription").asText()).isEqualTo(h);
    assertThat(hashNote.get("params").get("result").asText()).isEqualTo("0xaa");
    assertThat(json.readTree(full.get(0)).get("params").get("result").get("hash").asText())
        .isEqualTo("0xaa");
    assertThat(rendered[0]).isEqualTo(1);
    assertThat(heads).isEmpty(); // syncing notifies nothing while synced
  }

  @Test
  void wholeTransactionsAreNotRenderedWhenOnlyHashesAreAskedFor() throws Exception {
    hub.subscribe(params("[\"newPendingTransactions\", false]"), b -> true);
    hub.publishPendingTransaction(
        "0xbb",
        () -> {
          throw new AssertionError("rendered");
        });
    publisher.runDue();
    assertThatThrownBy(() -> hub.subscribe(params("[\"newPendingTransactions\", 1]"), b -> true))
        .isInstanceOf(RpcException.class)
        .extracting(e -> ((RpcException) e).code())
        .isEqualTo(RpcException.INVALID_PARAMS);
    assertThatThrownBy(() -> hub.subscribe(params("[\"newPendingTransactions/full\"]"), b -> true))
        .hasMessageContaining("unsupported subscription");
  }

  @Test
  void aBusyNodeDropsPendingNotificationsPastTheCapInsteadOfQueueing() throws Exception {
    SubscriptionHub small =
        new SubscriptionHub(json, publisher, new SubscriptionHub.Limits(2, 3, 4, 5));
    List<String> got = new ArrayList<>();
    small.subscribe(params("[\"newPendingTransactions\"]"), b -> got.add(text(b)));
    for (int i = 0; i < 1000; i++) small.publishPendingTransaction("0x" + i, json::nullNode);
    assertThat(publisher.pending()).isEqualTo(5);
    assertThat(small.droppedTransactions()).isEqualTo(995);
    publisher.runDue();
    assertThat(got).hasSize(5);
    small.publishPendingTransaction("0x1", json::nullNode); // room again once published
    publisher.runDue();
    assertThat(got).hasSize(6);
  }

  @Test
  void nothingIsQueuedForPendingTransactionsWithoutSubscribers() {
    hub.publishPendingTransaction("0x1", json::nullNode);
    assertThat(publisher.pending()).isZero();
  }

  private static String text(byte[] b) {
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }
}

package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}

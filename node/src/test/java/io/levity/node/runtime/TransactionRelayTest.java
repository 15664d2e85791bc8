package io.levity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import io.levity.node.p2p.DisconnectReason;
import io.levity.node.p2p.Misbehavior;
import io.levity.node.p2p.NodeId;
import io.levity.node.p2p.P2pMessage;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.p2p.PeerNetwork;
import io.levity.testing.ManualScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Transactions go to the peers in batches: by time, by count and by bytes. */
class TransactionRelayTest {
  private final ManualScheduler scheduler = new ManualScheduler();
  private final List<List<Bytes>> sent = new ArrayList<>();
  private final PeerNetwork net = new RecordingNetwork();

  private static Bytes tx(int i, int size) {
    byte[] b = new byte[size];
    b[0] = (byte) i;
    return Bytes.wrap(b);
  }

  @Test
  void transactionsArrivingWithinTheDelayShareOneMessage() {
    TransactionRelay relay = new TransactionRelay(net, scheduler, 100, 1 << 20);
    for (int i = 0; i < 5; i++) relay.relay(tx(i, 100));
    assertThat(sent).as("nothing before the delay").isEmpty();
    scheduler.advance(TransactionRelay.DELAY_MILLIS);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).hasSize(5).first().isEqualTo(tx(0, 100));
    relay.relay(tx(9, 100));
    scheduler.advance(TransactionRelay.DELAY_MILLIS);
    assertThat(sent).as("a later one starts a new batch").hasSize(2);
    assertThat(sent.get(1)).containsExactly(tx(9, 100));
  }

  @Test
  void aFullBatchGoesAtOnceAndTheLimitsHold() {
    TransactionRelay relay = new TransactionRelay(net, scheduler, 3, 250);
    relay.relay(tx(1, 100));
    relay.relay(tx(2, 100));
    assertThat(sent).isEmpty();
    relay.relay(tx(3, 100)); // 300 bytes would pass 250: the first two go, the third waits
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0)).containsExactly(tx(1, 100), tx(2, 100));
    relay.relay(tx(4, 10));
    relay.relay(tx(5, 10)); // the third of the batch: out at once, no waiting for the delay
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1)).containsExactly(tx(3, 100), tx(4, 10), tx(5, 10));
    scheduler.advance(TransactionRelay.DELAY_MILLIS);
    assertThat(sent).as("the flush finds nothing left and sends nothing").hasSize(2);
  }

  /** Records gossip; nothing else is used by the relay. */
  private final class RecordingNetwork implements PeerNetwork {
    @Override
    public boolean gossip(P2pMessage message) {
      sent.add(((P2pMessage.Transactions) message).transactions());
      return true;
    }

    @Override
    public int start() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void addStaticPeer(PeerAddress address) {
      throw new UnsupportedOperationException();
    }

    @Override
    public NodeId nodeId() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Set<NodeId> peers() {
      return Set.of();
    }

    @Override
    public boolean isConnected(NodeId peer) {
      return false;
    }

    @Override
    public boolean send(NodeId peer, P2pMessage message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int broadcast(P2pMessage message) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void penalize(NodeId peer, Misbehavior what) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void disconnect(NodeId peer, DisconnectReason reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}

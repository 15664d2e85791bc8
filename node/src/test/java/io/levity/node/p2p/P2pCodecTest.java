package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.rlp.Rlp;
import io.levity.node.p2p.P2pMessage.Auth;
import io.levity.node.p2p.P2pMessage.Blocks;
import io.levity.node.p2p.P2pMessage.ConsensusMessage;
import io.levity.node.p2p.P2pMessage.Disconnect;
import io.levity.node.p2p.P2pMessage.GetBlocks;
import io.levity.node.p2p.P2pMessage.Hello;
import io.levity.node.p2p.P2pMessage.Ping;
import io.levity.node.p2p.P2pMessage.Pong;
import io.levity.node.p2p.P2pMessage.Status;
import io.levity.node.p2p.P2pMessage.Transactions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class P2pCodecTest {
  private static final MessageLimits SMALL = new MessageLimits(4096, 3, 100, 200, 2, 1000);
  private final P2pCodec codec = new P2pCodec(MessageLimits.defaults());
  private final P2pCodec small = new P2pCodec(SMALL);

  private static Bytes b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
    return Bytes.wrap(out);
  }

  private static Bytes32 b32(int fill) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) fill);
    return Bytes32.wrap32(b);
  }

  static List<P2pMessage> samples() {
    return List.of(
        new Hello(1, 1337, b32(1), new NodeId(b32(2)), b32(3), 30303),
        new Auth(Bytes.wrap(new byte[64])),
        new Disconnect(DisconnectReason.WRONG_CHAIN),
        new Ping(0),
        new Pong(Long.MAX_VALUE),
        new Status(42, b32(9)),
        new Transactions(List.of(b(1, 2, 3), Bytes.EMPTY, b(0x7f))),
        new Transactions(List.of()),
        new ConsensusMessage(b(9, 9)),
        new GetBlocks(0, 1),
        new Blocks(List.of(b(5), Bytes.wrap(new byte[300]))));
  }

  @Test
  void everyMessageTypeRoundTrips() throws Exception {
    for (P2pMessage m : samples()) {
      byte[] frame = codec.encode(m);
      assertThat(frame[0]).isEqualTo(P2pCodec.type(m));
      assertThat(codec.decode(frame)).as(m.toString()).isEqualTo(m);
    }
  }

  @Property(tries = 200)
  void transactionsRoundTrip(@ForAll @Size(max = 20) List<byte[]> txs) throws Exception {
    Transactions m = new Transactions(txs.stream().map(Bytes::of).toList());
    assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
  }

  @Test
  void wireLayoutIsTypeByteThenRlpList() {
    assertThat(codec.encode(new Ping(1))).containsExactly(P2pCodec.PING, 0xc1, 0x01);
    assertThat(codec.encode(new GetBlocks(0, 5)))
        .containsExactly(P2pCodec.GET_BLOCKS, 0xc2, 0x80, 0x05);
  }

  @Test
  void unknownTypeAndEmptyFrameAreRejected() {
    assertRejected(
        new byte[] {0x7f, (byte) 0xc0},
        Misbehavior.UNKNOWN_MESSAGE_TYPE,
        "unknown message type 0x7f");
    assertRejected(new byte[0], Misbehavior.MALFORMED_MESSAGE, "empty frame");
  }

  @Test
  void nonCanonicalOrTrailingBytesAreRejected() {
    // Ping with a leading-zero integer
    assertRejected(
        new byte[] {P2pCodec.PING, (byte) 0xc3, (byte) 0x82, 0, 1},
        Misbehavior.MALFORMED_MESSAGE,
        "leading zero");
    // trailing byte after the list
    assertRejected(
        new byte[] {P2pCodec.PING, (byte) 0xc1, 1, 0}, Misbehavior.MALFORMED_MESSAGE, "trailing");
    // an extra field in the list
    assertRejected(
        new byte[] {P2pCodec.PING, (byte) 0xc2, 1, 2}, Misbehavior.MALFORMED_MESSAGE, "unread");
    // not a list
    assertRejected(new byte[] {P2pCodec.PING, 1}, Misbehavior.MALFORMED_MESSAGE, "expected a list");
    // a status with a 31-byte hash
    byte[] body = new Rlp.Writer().number(1).bytes(new byte[31]).toList();
    assertRejected(
        prefix(P2pCodec.STATUS, body), Misbehavior.MALFORMED_MESSAGE, "head hash must be 32 bytes");
  }

  @Test
  void unknownDisconnectReasonIsRejected() {
    assertRejected(
        prefix(P2pCodec.DISCONNECT, new Rlp.Writer().number(200).toList()),
        Misbehavior.MALFORMED_MESSAGE,
        "unknown disconnect reason 200");
  }

  @Test
  void controlMessagesHaveASmallCap() {
    byte[] body = new Rlp.Writer().number(1).bytes(new byte[P2pCodec.CONTROL_MAX_BYTES]).toList();
    assertRejected(
        prefix(P2pCodec.STATUS, body), Misbehavior.OVERSIZED_MESSAGE, "over its limit of 1024");
  }

  @Test
  void perTypeItemLimitsApplyOnDecode() {
    List<Bytes> four = List.of(b(1), b(2), b(3), b(4));
    assertRejected(
        codec.encode(new Transactions(four)), small, Misbehavior.OVERSIZED_MESSAGE, "more than 3");
    assertRejected(
        codec.encode(new Transactions(List.of(Bytes.wrap(new byte[101])))),
        small,
        Misbehavior.OVERSIZED_MESSAGE,
        "transaction of 101 bytes");
    assertRejected(
        codec.encode(new ConsensusMessage(Bytes.wrap(new byte[201]))),
        small,
        Misbehavior.OVERSIZED_MESSAGE,
        "consensus message of 201 bytes");
    assertRejected(
        codec.encode(new Blocks(List.of(b(1), b(2), b(3)))),
        small,
        Misbehavior.OVERSIZED_MESSAGE,
        "more than 2 blocks");
    assertRejected(
        codec.encode(new GetBlocks(0, 3)), small, Misbehavior.MALFORMED_MESSAGE, "max 3 is over 2");
    assertRejected(
        prefix(P2pCodec.GET_BLOCKS, new Rlp.Writer().number(0).number(0).toList()),
        small,
        Misbehavior.MALFORMED_MESSAGE,
        "at least 1");
  }

  @Test
  void frameLimitAppliesToWholePayload() {
    P2pCodec oneK = new P2pCodec(new MessageLimits(1024, 100, 100, 2000, 2, 1000));
    List<Bytes> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) many.add(Bytes.wrap(new byte[100]));
    assertThatThrownBy(() -> oneK.encode(new Transactions(many)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over its limit of 1024");
    assertRejected(
        codec.encode(new Transactions(many)),
        oneK,
        Misbehavior.OVERSIZED_MESSAGE,
        "over its limit");
  }

  @Test
  void encodeRefusesWhatPeersWouldReject() {
    assertThatThrownBy(() -> small.encode(new Transactions(List.of(Bytes.wrap(new byte[101])))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transaction of 101 bytes");
    assertThatThrownBy(() -> small.encode(new GetBlocks(0, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> codec.encode(new Auth(b(1))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] prefix(byte type, byte[] body) {
    byte[] out = new byte[body.length + 1];
    out[0] = type;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private void assertRejected(byte[] frame, Misbehavior kind, String message) {
    assertRejected(frame, codec, kind, message);
  }

  private static void assertRejected(byte[] frame, P2pCodec c, Misbehavior kind, String message) {
    assertThatThrownBy(() -> c.decode(frame))
        .isInstanceOfSatisfying(
            P2pDecodeException.class, e -> assertThat(e.misbehavior()).isEqualTo(kind))
        .hasMessageContaining(message);
  }
}

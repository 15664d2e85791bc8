package io.levity.sdk.abi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding against the Solidity ABI specification's examples, and strict decoding. */
class AbiCodecTest {
  /** Hex of 32-byte words, each given as a number (hex) left-padded or as text right-padded. */
  private static String w(String hexNumber) {
    return "0".repeat(64 - hexNumber.length()) + hexNumber;
  }

  private static String text(String s) {
    String h = Hex.encodeBare(s.getBytes(StandardCharsets.UTF_8));
    return h + "0".repeat((64 - h.length() % 64) % 64);
  }

  private static Bytes ascii(String s) {
    return Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void specExampleStaticArguments() {
    AbiFunction baz = AbiFunction.parse("baz(uint32,bool) returns (bool)");
    assertThat(baz.selector().toHex()).isEqualTo("0xcdcd77c0");
    assertThat(baz.encodeCall(69, true).toHex()).isEqualTo("0xcdcd77c0" + w("45") + w("1"));
    AbiFunction bar = AbiFunction.parse("bar(bytes3[2])");
    assertThat(bar.encodeCall(List.of(ascii("abc"), ascii("def"))).toHex())
        .isEqualTo("0xfce353f6" + text("abc") + text("def"));
    assertThat(baz.decodeReturn(Bytes.fromHex(w("1"))).bool(0)).isTrue();
  }

  @Test
  void specExampleDynamicArguments() {
    AbiFunction sam = AbiFunction.parse("sam(bytes,bool,uint256[])");
    Bytes call = sam.encodeCall(ascii("dave"), true, List.of(1, 2, 3));
    assertThat(call.toHex())
        .isEqualTo(
            "0xa5643bf2"
                + w("60")
                + w("1")
                + w("a0")
                + w("4")
                + text("dave")
                + w("3")
                + w("1")
                + w("2")
                + w("3"));
    AbiValues back = sam.decodeCall(call);
    assertThat(back.bytes(0)).isEqualTo(ascii("dave"));
    assertThat(back.bool(1)).isTrue();
    assertThat(back.list(2)).containsExactly(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3));

    AbiFunction f = AbiFunction.parse("f(uint256,uint32[],bytes10,bytes)");
    assertThat(f.selector().toHex()).isEqualTo("0x8be65246");
    assertThat(
            f.encodeCall(0x123, List.of(0x456, 0x789), ascii("1234567890"), ascii("Hello, world!"))
                .toHex())
        .isEqualTo(
            "0x8be65246"
                + w("123")
                + w("80")
                + text("1234567890")
                + w("e0")
                + w("2")
                + w("456")
                + w("789")
                + w("d")
                + text("Hello, world!"));
  }

  @Test
  void specExampleNestedDynamicArrays() {
    AbiFunction g = AbiFunction.parse("g(uint256[][],string[])");
    assertThat(g.selector().toHex()).isEqualTo("0x2289b18c");
    Bytes call = g.encodeCall(List.of(List.of(1, 2), List.of(3)), List.of("one", "two", "three"));
    assertThat(call.toHex())
        .isEqualTo(
            "0x2289b18c"
                + w("40")
                + w("140")
                + w("2")
                + w("40")
                + w("a0")
                + w("2")
                + w("1")
                + w("2")
                + w("1")
                + w("3")
                + w("3")
                + w("60")
                + w("a0")
                + w("e0")
                + w("3")
                + text("one")
                + w("3")
                + text("two")
                + w("5")
                + text("three"));
    AbiValues back = g.decodeCall(call);
    assertThat(back.list(0))
        .containsExactly(List.of(BigInteger.ONE, BigInteger.TWO), List.of(BigInteger.valueOf(3)));
    assertThat(back.list(1)).containsExactly("one", "two", "three");
  }

  @Test
  void integersOfEveryWidthAndSign() {
    List<AbiType> types = AbiType.parseList("(int8,int256,uint8,uint64,uint256)");
    Bytes enc =
        AbiCodec.encode(
            types, List.of(-128, BigInteger.valueOf(-1), 255, Long.MAX_VALUE, UInt256.MAX));
    assertThat(enc.toHex().substring(2))
        .isEqualTo(
            "f".repeat(62)
                + "80"
                + "f".repeat(64)
                + w("ff")
                + w("7fffffffffffffff")
                + "f".repeat(64));
    AbiValues v = AbiCodec.decode(types, enc);
    assertThat(v.bigInteger(0)).isEqualTo(-128);
    assertThat(v.bigInteger(1)).isEqualTo(-1);
    assertThat(v.longValue(2)).isEqualTo(255);
    assertThat(v.longValue(3)).isEqualTo(Long.MAX_VALUE);
    assertThat(v.uint256(4)).isEqualTo(UInt256.MAX);
    assertThatThrownBy(() -> AbiCodec.encode(List.of(new AbiType.Int(8, true)), List.of(128)))
        .hasMessageContaining("does not fit int8");
    assertThatThrownBy(() -> AbiCodec.encode(List.of(new AbiType.Int(8, false)), List.of(-1)))
        .hasMessageContaining("does not fit uint8");
    assertThatThrownBy(
            () -> AbiCodec.decode(List.of(new AbiType.Int(8, true)), Bytes.fromHex(w("80"))))
        .hasMessageContaining("wider than 8 bits");
  }

  @Test
  void tuplesAndTypeNames() {
    AbiType t = AbiType.parse("(bytes32,string)[]");
    assertThat(t.canonical()).isEqualTo("(bytes32,string)[]");
    assertThat(t.dynamic()).isTrue();
    assertThat(AbiType.parse("uint").canonical()).isEqualTo("uint256");
    assertThat(AbiType.parse("(uint8,address)[3]").headBytes()).isEqualTo(6 * 32);
    Bytes32 id = Bytes32.leftPad(new byte[] {(byte) 0xaa});
    Bytes enc = AbiCodec.encode(List.of(t), List.of(List.of(List.of(id, "a:1"))));
    // offset, length, tuple offset (from the heads), tuple (id, string offset), string
    assertThat(enc.toHex().substring(2))
        .isEqualTo(w("20") + w("1") + w("20") + w("aa") + w("40") + w("3") + text("a:1"));
    AbiValues back = AbiCodec.decode(List.of(t), enc);
    AbiValues tuple = new AbiValues(List.copyOf((List<?>) back.list(0).get(0)));
    assertThat(tuple.bytes32(0)).isEqualTo(id);
    assertThat(tuple.string(1)).isEqualTo("a:1");
    assertThatThrownBy(() -> AbiType.parse("uint7")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("bytes33")).isInstanceOf(AbiException.class);
    assertThatThrownBy(() -> AbiType.parse("(uint256")).hasMessageContaining("')' expected");
    assertThatThrownBy(() -> AbiType.parse("fixed128x18")).hasMessageContaining("unknown type");
  }

  @Test
  void decodingTrustsNoOffsetOrLength() {
    List<AbiType> nodes = AbiType.parseList("((bytes32,string)[])");
    byte[] page = Hex.decode(w("20") + w("1") + w("20") + w("aa") + w("40") + w("3") + text("a:1"));
    assertThat(AbiCodec.decode(nodes, Bytes.wrap(page)).list(0)).hasSize(1);

    byte[] pastEnd = page.clone();
    pastEnd[32 * 5 + 31] = (byte) 0xff; // the string claims 255 bytes
    assertThatThrownBy(() -> AbiCodec.decode(nodes, Bytes.wrap(pastEnd)))
        .isInstanceOf(AbiException.class)
        .hasMessageContaining("needs bytes");
    byte[] hugeCount = page.clone();
    hugeCount[32 + 28] = 0x7f; // about 2^31 elements
    assertThatThrownBy(() -> AbiCodec.decode(nodes, Bytes.wrap(hugeCount)))
        .isInstanceOf(AbiException.class);
    byte[] wideOffset = page.clone();
    wideOffset[0] = 1;
    assertThatThrownBy(() -> AbiCodec.decode(nodes, Bytes.wrap(wideOffset)))
        .hasMessageContaining("wider than 32 bits");
    assertThatThrownBy(() -> AbiCodec.decode(List.of(AbiType.Simple.BOOL), Bytes.fromHex(w("2"))))
        .hasMessageContaining("neither 0 nor 1");
    assertThatThrownBy(
            () ->
                AbiCodec.decode(
                    List.of(AbiType.Simple.ADDRESS), Bytes.fromHex("01" + "0".repeat(62))))
        .hasMessageContaining("wider than 160 bits");
    assertThatThrownBy(
            () -> AbiCodec.decode(List.of(new AbiType.FixedBytes(2)), Bytes.fromHex(w("1"))))
        .hasMessageContaining("past its 2");
    assertThatThrownBy(
            () ->
                AbiCodec.decode(
                    List.of(AbiType.Simple.STRING),
                    Bytes.fromHex(w("20") + w("1") + "ff" + "0".repeat(62))))
        .hasMessageContaining("not UTF-8");
    // 1000 strings that all point at one long string: overlapping values are refused
    StringBuilder sb = new StringBuilder(w("20") + w("3e8"));
    for (int i = 0; i < 1000; i++) sb.append(w(Integer.toHexString(32 * 1000)));
    sb.append(w("4000")).append("00".repeat(0x4000));
    assertThatThrownBy(
            () -> AbiCodec.decode(List.of(AbiType.parse("string[]")), Bytes.fromHex(sb.toString())))
        .hasMessageContaining("overlap");
  }

  @Test
  void eventsDecodeTopicsAndData() {
    AbiEvent transfer =
        AbiEvent.parse("Transfer(address indexed from, address indexed to, uint256 value)");
    assertThat(transfer.signature()).isEqualTo("Transfer(address,address,uint256)");
    assertThat(transfer.topic().toHex())
        .isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    Address from = Address.fromHex("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
    Address to = Address.fromHex("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
    List<Bytes32> topics =
        List.of(transfer.topic(), transfer.topicOf(0, from), transfer.topicOf(1, to));
    AbiValues v = transfer.decode(topics, Bytes.fromHex(w("102")));
    assertThat(v.address(0)).isEqualTo(from);
    assertThat(v.address(1)).isEqualTo(to);
    assertThat(v.longValue(2)).isEqualTo(258);
    assertThatThrownBy(() -> transfer.decode(topics.subList(0, 2), Bytes.fromHex(w("1"))))
        .hasMessageContaining("not a Transfer(address,address,uint256) log");

    AbiEvent named = AbiEvent.parse("Named(string indexed name, uint8 indexed kind, bool ok)");
    Bytes32 nameTopic = named.topicOf(0, "alice");
    assertThat(nameTopic).isEqualTo(Keccak.hash(ascii("alice")));
    AbiValues n =
        named.decode(List.of(named.topic(), nameTopic, named.topicOf(1, 7)), Bytes.fromHex(w("1")));
    assertThat(n.bytes32(0)).isEqualTo(nameTopic);
    assertThat(n.longValue(1)).isEqualTo(7);
    assertThat(n.bool(2)).isTrue();
  }

  @Test
  void revertReasons() {
    Bytes error = RevertReason.ERROR.encodeCall("Not enough Ether provided.");
    assertThat(error.toHex())
        .isEqualTo("0x08c379a0" + w("20") + w("1a") + text("Not enough Ether provided."));
    assertThat(RevertReason.of(error)).contains("Not enough Ether provided.");
    assertThat(RevertReason.PANIC.selector().toHex()).isEqualTo("0x4e487b71");
    assertThat(RevertReason.of(RevertReason.PANIC.encodeCall(0x11))).contains("panic 0x11");
    assertThat(RevertReason.of(Bytes.fromHex("0xdeadbeef"))).isEmpty();
    assertThat(RevertReason.of(Bytes.fromHex("0x08c379a0" + w("20")))).isEmpty();
  }

  @Test
  void wellKnownSelectorsAndValueErrors() {
    AbiFunction erc20 = AbiFunction.parse("transfer(address,uint256)");
    assertThat(erc20.selector().toHex()).isEqualTo("0xa9059cbb");
    assertThat(AbiFunction.parse("balanceOf(address)returns(uint256)").outputs())
        .containsExactly(new AbiType.Int(256, false));
    assertThatThrownBy(() -> erc20.encodeCall("0x1234", 1))
        .hasMessageContaining("address cannot take a String");
    assertThatThrownBy(() -> erc20.encodeCall(Address.ZERO))
        .hasMessageContaining("takes 2 values, got 1");
    assertThatThrownBy(() -> AbiFunction.parse("f(uint256) gives (bool)"))
        .hasMessageContaining("'returns' expected");
  }
}

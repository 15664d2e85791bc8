package io.levity.sdk.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed results from JSON-RPC answers, and clear errors for answers of the wrong shape. */
class EthRpcTest {
  private static final String H1 = "0x" + "11".repeat(32);
  private static final String H2 = "0x" + "22".repeat(32);
  private static final String ADDR = "0x000000000000000000000000000000000000a11c";

  private final FakeNode node = new FakeNode();
  private final EthRpc rpc = new EthRpc(node);

  private static final String RECEIPT =
      "{\"transactionHash\":\""
          + H1
          + "\",\"blockNumber\":\"0x1b\",\"blockHash\":\""
          + H2
          + "\",\"status\":\"0x1\",\"gasUsed\":\"0x5208\",\"contractAddress\":null,"
          + "\"logs\":[{\"address\":\""
          + ADDR
          + "\",\"topics\":[\""
          + H2
          + "\"],\"data\":\"0x01\",\"blockNumber\":\"0x1b\",\"transactionHash\":\""
          + H1
          + "\",\"logIndex\":\"0x0\",\"removed\":false}]}";

  @Test
  void quantitiesAndReceipts() {
    node.answer("eth_chainId", "0x539").answer("eth_blockNumber", "0x10");
    assertThat(rpc.chainId()).isEqualTo(1337);
    assertThat(rpc.blockNumber()).isEqualTo(16);
    node.on(
        "eth_getTransactionReceipt",
        p -> p.get(0).asText().equals(H1) ? FakeNode.json(RECEIPT) : null);
    TxReceipt r = rpc.getTransactionReceipt(Bytes32.fromHex32(H1)).orElseThrow();
    assertThat(r.succeeded()).isTrue();
    assertThat(r.blockNumber()).isEqualTo(27);
    assertThat(r.gasUsed()).isEqualTo(21_000);
    assertThat(r.contractAddress()).isEmpty();
    assertThat(r.logs())
        .containsExactly(
            new EthLog(
                Address.fromHex(ADDR),
                List.of(Bytes32.fromHex32(H2)),
                Bytes.fromHex("0x01"),
                27,
                Bytes32.fromHex32(H1),
                0,
                false));
    assertThat(rpc.getTransactionReceipts(List.of(Bytes32.fromHex32(H2), Bytes32.fromHex32(H1))))
        .containsExactly(Optional.empty(), Optional.of(r));
  }

  @Test
  void blocksAndBaseFee() {
    String block =
        "{\"number\":\"0x5\",\"hash\":\""
            + H1
            + "\",\"parentHash\":\""
            + H2
            + "\",\"timestamp\":\"0x64\",\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0x0\","
            + "\"baseFeePerGas\":\"0x3b9aca00\",\"transactions\":[\""
            + H2
            + "\"]}";
    node.on(
        "eth_getBlockByNumber", p -> p.get(0).asText().equals("0x6") ? null : FakeNode.json(block));
    EthBlock b = rpc.getBlockByNumber(BlockTag.number(5)).orElseThrow();
    assertThat(b.number()).isEqualTo(5);
    assertThat(b.baseFeePerGas()).contains(UInt256.valueOf(1_000_000_000L));
    assertThat(b.transactionHashes()).containsExactly(Bytes32.fromHex32(H2));
    assertThat(rpc.latestBaseFee()).isEqualTo(UInt256.valueOf(1_000_000_000L));
    assertThat(rpc.getBlocksByNumber(5, 6)).containsExactly(Optional.of(b), Optional.empty());
  }

  @Test
  void malformedResultsNameTheMethodAndField() {
    node.answer("eth_blockNumber", "12").answer("eth_chainId", "0x" + "f".repeat(17));
    assertThatThrownBy(rpc::blockNumber)
        .isInstanceOf(RpcProtocolException.class)
        .hasMessage("eth_blockNumber: result: expected a hex quantity, got \"12\"");
    assertThatThrownBy(rpc::chainId).isInstanceOf(RpcProtocolException.class);
    node.answer("eth_getTransactionReceipt", FakeNode.json("{\"status\":\"0x1\"}"));
    assertThatThrownBy(() -> rpc.getTransactionReceipt(Bytes32.ZERO))
        .hasMessageContaining("receipt transactionHash: expected a 32-byte hex value, got nothing");
  }

  @Test
  void requestsCarryTypedArguments() {
    node.on(
        "eth_call",
        p -> {
          assertThat(p.get(0).get("to").asText()).isEqualTo(ADDR);
          assertThat(p.get(0).get("data").asText()).isEqualTo("0x70a08231");
          assertThat(p.get(0).has("value")).isFalse();
          assertThat(p.get(1).asText()).isEqualTo("0x7");
          return "0x" + "00".repeat(31) + "2a";
        });
    Bytes out =
        rpc.call(
            CallRequest.to(Address.fromHex(ADDR), Bytes.fromHex("0x70a08231")), BlockTag.number(7));
    assertThat(out.size()).isEqualTo(32);
    node.on(
        "eth_getLogs",
        p -> {
          assertThat(p.get(0).toString())
              .isEqualTo(
                  "{\"address\":\""
                      + ADDR
                      + "\",\"fromBlock\":\"0x1\",\"toBlock\":\"0x9\",\"topics\":[\""
                      + H1
                      + "\",null,\""
                      + H2
                      + "\"]}");
          return List.of();
        });
    assertThat(
            rpc.getLogs(
                LogQuery.of(Address.fromHex(ADDR), 1, 9)
                    .withTopic(0, Bytes32.fromHex32(H1))
                    .withTopic(2, Bytes32.fromHex32(H2))
                    .withTopic(3, null)))
        .isEmpty();
    node.answer("eth_sendRawTransaction", H1);
    assertThat(rpc.sendRawTransaction(Bytes.fromHex("0x02"))).isEqualTo(Bytes32.fromHex32(H1));
  }

  @Test
  void revertDataTravelsWithTheError() {
    RpcErrorException e =
        new RpcErrorException(
            "eth_call", 200, 3, "execution reverted: no", FakeNode.json("\"0x08c379a0\""));
    assertThat(e.isRevert()).isTrue();
    assertThat(e.revertData()).contains(Bytes.fromHex("0x08c379a0"));
    assertThat(e.getMessage()).isEqualTo("eth_call: error 3: execution reverted: no");
    assertThat(new RpcErrorException("m", 200, -32000, "x", FakeNode.json("{}")).revertData())
        .isEmpty();
  }
}

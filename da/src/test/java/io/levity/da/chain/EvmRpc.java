package io.levity.da.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionDecoder;
import io.levity.evm.ContractAddress;
import io.levity.evm.Log;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcTransport;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's JSON-RPC in process, over a {@link DaEvm}: enough of it for the SDK's wallet and
 * contract reads (chain id, blocks, calls, gas estimates, raw transactions mined one per block,
 * receipts, logs). Reverts answer error 3 with the revert data, as a node does.
 */
final class EvmRpc implements RpcTransport {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DaEvm evm;
  private final Map<Bytes32, ObjectNode> receipts = new HashMap<>();
  private final List<ObjectNode> logs = new ArrayList<>();

  EvmRpc(DaEvm evm) {
    this.evm = evm;
  }

  @Override
  public synchronized JsonNode call(String method, Object... params) {
    return switch (method) {
      case "eth_chainId" -> hex(DaEvm.CHAIN_ID);
      case "eth_blockNumber" -> hex(head());
      case "eth_gasPrice", "eth_maxPriorityFeePerGas" -> hex(1);
      case "eth_getTransactionCount" -> hex(evm.nonce(Address.fromHex(text(params[0]))));
      case "eth_getBlockByNumber" -> block(number(text(params[0])));
      case "eth_call" -> TextNode.valueOf(run(method, (JsonNode) params[0]).output().toHex());
      case "eth_estimateGas" -> hex(run(method, (JsonNode) params[0]).gas());
      case "eth_sendRawTransaction" -> send(Bytes.fromHex(text(params[0])));
      case "eth_getTransactionReceipt" -> receipts.get(Bytes32.fromHex32(text(params[0])));
      case "eth_getLogs" -> logs((JsonNode) params[0]);
      default -> throw new RpcErrorException(method, 200, -32601, "method not found", null);
    };
  }

  @Override
  public List<JsonNode> batch(String method, List<? extends List<?>> paramsList) {
    List<JsonNode> out = new ArrayList<>();
    for (List<?> p : paramsList) out.add(call(method, p.toArray()));
    return out;
  }

  /** The last mined block: transactions run in the block after it. */
  private long head() {
    return evm.blockNumber() - 1;
  }

  private long number(String tag) {
    return tag.startsWith("0x") ? Long.decode(tag) : head();
  }

  private DaEvm.Outcome run(String method, JsonNode call) {
    Address from = call.has("from") ? Address.fromHex(call.get("from").asText()) : Address.ZERO;
    Bytes data = Bytes.fromHex(call.path("data").asText("0x"));
    BigInteger value =
        call.has("value") ? new BigInteger(call.get("value").asText().substring(2), 16) : null;
    DaEvm.Outcome o =
        call.has("to")
            ? value == null
                ? evm.staticCall(from, Address.fromHex(call.get("to").asText()), data)
                : evm.staticCallWithValue(
                    from, Address.fromHex(call.get("to").asText()), value, data)
            : evm.staticDeploy(from, data);
    if (!o.ok())
      throw new RpcErrorException(
          method,
          200,
          RpcErrorException.EXECUTION_REVERTED,
          "execution reverted",
          TextNode.valueOf(o.output().toHex()));
    return o;
  }

  private JsonNode send(Bytes raw) {
    Transaction tx = TransactionDecoder.decode(raw);
    Address from = tx.recoverSender().orElseThrow();
    long block = evm.blockNumber();
    DaEvm.Outcome o;
    Address created = null;
    if (tx.to().isPresent()) {
      o = evm.call(from, tx.to().get(), tx.value().toBigInteger(), tx.data());
    } else {
      created = ContractAddress.create(from, evm.nonce(from));
      o = evm.tryDeploy(from, tx.data());
    }
    Bytes32 hash = tx.hash();
    ObjectNode r = JSON.createObjectNode();
    r.put("transactionHash", hash.toHex());
    r.put("blockNumber", hexText(block));
    r.put("blockHash", blockHash(block).toHex());
    r.put("status", o.ok() ? "0x1" : "0x0");
    r.put("gasUsed", hexText(Math.max(o.gas(), 21_000)));
    if (created != null && o.ok()) r.put("contractAddress", created.toHex());
    else r.putNull("contractAddress");
    ArrayNode rl = r.putArray("logs");
    int index = 0;
    if (o.ok())
      for (Log l : o.result().logs()) {
        ObjectNode j = JSON.createObjectNode();
        j.put("address", l.address().toHex());
        ArrayNode topics = j.putArray("topics");
        for (Bytes32 t : l.topics()) topics.add(t.toHex());
        j.put("data", l.data().toHex());
        j.put("blockNumber", hexText(block));
        j.put("transactionHash", hash.toHex());
        j.put("logIndex", hexText(index++));
        rl.add(j);
        logs.add(j);
      }
    receipts.put(hash, r);
    evm.setBlock(block + 1);
    return TextNode.valueOf(hash.toHex());
  }

  private JsonNode logs(JsonNode q) {
    long from = Long.decode(q.get("fromBlock").asText());
    long to = Long.decode(q.get("toBlock").asText());
    ArrayNode out = JSON.createArrayNode();
    for (ObjectNode l : logs) {
      long b = Long.decode(l.get("blockNumber").asText());
      if (b < from || b > to) continue;
      boolean match = true;
      JsonNode topics = q.path("topics");
      for (int i = 0; i < topics.size(); i++) {
        JsonNode want = topics.get(i);
        if (want.isNull() || (want.isArray() && want.isEmpty())) continue;
        String have = l.get("topics").path(i).asText();
        String w = want.isArray() ? want.get(0).asText() : want.asText();
        if (!have.equalsIgnoreCase(w)) match = false;
      }
      if (match) out.add(l);
    }
    return out;
  }

  private JsonNode block(long n) {
    if (n > head()) return null;
    ObjectNode b = JSON.createObjectNode();
    b.put("number", hexText(n));
    b.put("hash", blockHash(n).toHex());
    b.put("parentHash", blockHash(n - 1).toHex());
    b.put("timestamp", hexText(1_800_000_000L + n));
    b.put("gasLimit", hexText(60_000_000L));
    b.put("gasUsed", "0x0");
    b.put("baseFeePerGas", "0x1");
    b.putArray("transactions");
    return b;
  }

  static Bytes32 blockHash(long n) {
    return Keccak.hash(Bytes32.fromBigInteger(BigInteger.valueOf(Math.max(n, 0))));
  }

  private static String text(Object param) {
    return param instanceof JsonNode j ? j.asText() : String.valueOf(param);
  }

  private static JsonNode hex(long v) {
    return TextNode.valueOf(hexText(v));
  }

  private static String hexText(long v) {
    return "0x" + Long.toHexString(v);
  }
}

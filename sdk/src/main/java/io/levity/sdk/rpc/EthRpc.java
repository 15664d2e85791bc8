package io.levity.sdk.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The Ethereum JSON-RPC methods with typed arguments and results, over a {@link RpcTransport}. The
 * batched variants ({@link #getTransactionCounts}, {@link #getBlocksByNumber}, ...) send one HTTP
 * request for many reads. Anything not covered here goes through {@link #call(String, Object...)}.
 * Thread-safe; every failure is an {@link EthRpcException}.
 */
public final class EthRpc {
  private final RpcTransport rpc;

  public EthRpc(RpcTransport rpc) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
  }

  /** A client of the node at {@code url}, each call bounded by {@code timeout}. */
  public static EthRpc connect(URI url, Duration timeout) {
    return new EthRpc(new JsonRpc(url, timeout));
  }

  /** The JSON-RPC transport underneath. */
  public RpcTransport transport() {
    return rpc;
  }

  /** Any method, untyped: the raw {@code result}. */
  public JsonNode call(String method, Object... params) {
    return rpc.call(method, params);
  }

  public long chainId() {
    return quantity("eth_chainId", rpc.call("eth_chainId"));
  }

  /** The head's number. */
  public long blockNumber() {
    return quantity("eth_blockNumber", rpc.call("eth_blockNumber"));
  }

  public String clientVersion() {
    return rpc.call("web3_clientVersion").asText();
  }

  public UInt256 getBalance(Address account, BlockTag block) {
    String m = "eth_getBalance";
    return RpcJson.uint256(rpc.call(m, account.toHex(), block.value()), m, "result");
  }

  /** The balances of many accounts at one block, in one request. */
  public List<UInt256> getBalances(List<Address> accounts, BlockTag block) {
    String m = "eth_getBalance";
    List<UInt256> out = new ArrayList<>(accounts.size());
    for (JsonNode n : rpc.batch(m, perAccount(accounts, block)))
      out.add(RpcJson.uint256(n, m, "result"));
    return out;
  }

  /**
   * The account's nonce at {@code block}; at {@link BlockTag#PENDING} it counts the node's pending
   * transactions too (the next nonce to use).
   */
  public long getTransactionCount(Address account, BlockTag block) {
    return quantity(
        "eth_getTransactionCount",
        rpc.call("eth_getTransactionCount", account.toHex(), block.value()));
  }

  /** {@link #getTransactionCount} of many accounts in one request. */
  public long[] getTransactionCounts(List<Address> accounts, BlockTag block) {
    String m = "eth_getTransactionCount";
    List<JsonNode> got = rpc.batch(m, perAccount(accounts, block));
    long[] out = new long[got.size()];
    for (int i = 0; i < out.length; i++) out[i] = quantity(m, got.get(i));
    return out;
  }

  /** The legacy gas price the node suggests. */
  public UInt256 gasPrice() {
    return RpcJson.uint256(rpc.call("eth_gasPrice"), "eth_gasPrice", "result");
  }

  /** The EIP-1559 tip the node suggests. */
  public UInt256 maxPriorityFeePerGas() {
    String m = "eth_maxPriorityFeePerGas";
    return RpcJson.uint256(rpc.call(m), m, "result");
  }

  /** The latest block's base fee (zero before London). */
  public UInt256 latestBaseFee() {
    return getBlockByNumber(BlockTag.LATEST)
        .orElseThrow(
            () ->
                new RpcProtocolException(
                    "eth_getBlockByNumber", RpcProtocolException.NO_STATUS, "no latest block"))
        .baseFeePerGas()
        .orElse(UInt256.ZERO);
  }

  /**
   * The gas the node estimates for {@code call}; a revert is an {@link RpcErrorException} with
   * {@link RpcErrorException#isRevert()}.
   */
  public long estimateGas(CallRequest call) {
    return quantity("eth_estimateGas", rpc.call("eth_estimateGas", call.toJson()));
  }

  /** Runs {@code call} at {@code block} without a transaction and returns its output. */
  public Bytes call(CallRequest call, BlockTag block) {
    return RpcJson.data(rpc.call("eth_call", call.toJson(), block.value()), "eth_call", "result");
  }

  /** Submits a signed transaction; returns the hash the node reports for it. */
  public Bytes32 sendRawTransaction(Bytes raw) {
    String m = "eth_sendRawTransaction";
    return RpcJson.hash(rpc.call(m, raw.toHex()), m, "result");
  }

  /** The receipt, or empty while the transaction is not mined (or unknown). */
  public Optional<TxReceipt> getTransactionReceipt(Bytes32 hash) {
    String m = "eth_getTransactionReceipt";
    return optional(rpc.call(m, hash.toHex()), m, TxReceipt::fromJson);
  }

  /** {@link #getTransactionReceipt} of many transactions in one request, in order. */
  public List<Optional<TxReceipt>> getTransactionReceipts(List<Bytes32> hashes) {
    String m = "eth_getTransactionReceipt";
    List<List<String>> params = new ArrayList<>(hashes.size());
    for (Bytes32 h : hashes) params.add(List.of(h.toHex()));
    return batchOptional(m, params, TxReceipt::fromJson);
  }

  /** The block (header fields and transaction hashes), or empty when there is none. */
  public Optional<EthBlock> getBlockByNumber(BlockTag block) {
    String m = "eth_getBlockByNumber";
    return optional(rpc.call(m, block.value(), false), m, EthBlock::fromJson);
  }

  /** Blocks {@code from..to} (inclusive) in one request, in order; empty for missing ones. */
  public List<Optional<EthBlock>> getBlocksByNumber(long from, long to) {
    String m = "eth_getBlockByNumber";
    if (to < from) return List.of();
    List<List<Object>> params = new ArrayList<>();
    for (long n = from; n <= to; n++) params.add(List.of(RpcJson.hex(n), false));
    return batchOptional(m, params, EthBlock::fromJson);
  }

  public List<EthLog> getLogs(LogQuery query) {
    String m = "eth_getLogs";
    JsonNode logs = rpc.call(m, query.toJson());
    if (!logs.isArray())
      throw new RpcProtocolException(
          m, RpcProtocolException.NO_STATUS, "result is " + logs.getNodeType() + ", not an array");
    List<EthLog> out = new ArrayList<>(logs.size());
    for (JsonNode l : logs) out.add(EthLog.fromJson(l, m));
    return out;
  }

  /** The account's code at {@code block} (empty for an account without code). */
  public Bytes getCode(Address account, BlockTag block) {
    String m = "eth_getCode";
    return RpcJson.data(rpc.call(m, account.toHex(), block.value()), m, "result");
  }

  /** A result read with {@code parse}, or empty when it is null (nothing found). */
  private static <T> Optional<T> optional(
      JsonNode result, String method, BiFunction<JsonNode, String, T> parse) {
    return RpcJson.present(result) ? Optional.of(parse.apply(result, method)) : Optional.empty();
  }

  /**
   * {@code method} once per entry of {@code params} in one request, each result {@link #optional}.
   */
  private <T> List<Optional<T>> batchOptional(
      String method, List<? extends List<?>> params, BiFunction<JsonNode, String, T> parse) {
    List<Optional<T>> out = new ArrayList<>(params.size());
    for (JsonNode r : rpc.batch(method, params)) out.add(optional(r, method, parse));
    return out;
  }

  private static long quantity(String method, JsonNode n) {
    return RpcJson.quantity(n, method, "result");
  }

  private static List<List<String>> perAccount(List<Address> accounts, BlockTag block) {
    List<List<String>> params = new ArrayList<>(accounts.size());
    for (Address a : accounts) params.add(List.of(a.toHex(), block.value()));
    return params;
  }
}

package io.levity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.num.UInt256;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.execution.block.Block;
import io.levity.execution.block.BlockHeader;
import io.levity.execution.block.Receipt;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TrieWorldState;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.mempool.MempoolException;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import io.levity.node.store.ChainReader.TransactionLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The eth_*, net_* and web3_* JSON-RPC methods over a {@link ChainView}. Block tags latest,
 * pending, safe and finalized all name the head (BFT finality is immediate); earliest is block 0.
 * Register with {@link #register(JsonRpcProcessor)}; accepted raw transactions are handed to the
 * {@link TransactionListener} (the node gossips them).
 */
public final class EthApi {
  /** Told of every transaction eth_sendRawTransaction put into the mempool. */
  @FunctionalInterface
  public interface TransactionListener {
    void accepted(ValidatedTransaction tx, byte[] raw);
  }

  /**
   * Limits and identity.
   *
   * @param clientVersion what web3_clientVersion answers
   * @param fork the rules raw transactions are validated against (Cancun)
   * @param callGasCap the most gas eth_call and eth_estimateGas run with
   * @param maxLogBlockRange the widest block range eth_getLogs accepts
   * @param maxLogs the most logs eth_getLogs returns
   * @param defaultPriorityFee the tip suggested when recent blocks have no transactions
   */
  public record Config(
      String clientVersion,
      Fork fork,
      long callGasCap,
      long maxLogBlockRange,
      int maxLogs,
      UInt256 defaultPriorityFee) {
    public static final Config DEFAULT =
        new Config(
            "Levity/v0.1.0/java",
            Fork.LEVITY,
            50_000_000L,
            10_000,
            10_000,
            UInt256.valueOf(1_000_000_000L));

    public Config {
      Objects.requireNonNull(clientVersion, "clientVersion");
      Objects.requireNonNull(fork, "fork");
      Objects.requireNonNull(defaultPriorityFee, "defaultPriorityFee");
      if (callGasCap < 21_000 || maxLogBlockRange < 1 || maxLogs < 1) {
        throw new IllegalArgumentException(
            "RPC limits must be positive (call gas cap at least 21000)");
      }
    }
  }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final ChainView chain;
  private final Config config;
  private final TransactionListener listener;
  private final TransactionValidator validator;
  private final CallExecutor calls;
  private final AccessListCreator accessLists;
  private final Simulator simulator;
  private final FeeOracle fees;
  private final BlockTags tags;
  private final LogSearch logs;

  public EthApi(ChainView chain, Config config, TransactionListener listener) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.validator = new TransactionValidator(config.fork(), chain.chainId());
    this.calls = new CallExecutor(chain, config.fork(), config.callGasCap());
    this.accessLists = new AccessListCreator(chain, calls);
    this.simulator = new Simulator(chain, calls);
    this.fees = new FeeOracle(chain, config.defaultPriorityFee());
    this.tags = new BlockTags(chain);
    this.logs = new LogSearch(chain, tags, config.maxLogBlockRange(), config.maxLogs());
  }

  /** Registers every method of this API on the processor. */
  public void register(JsonRpcProcessor rpc) {
    rpc.register("web3_clientVersion", p -> text(config.clientVersion()));
    rpc.register("net_version", p -> text(Long.toString(chain.chainId())));
    rpc.register("net_listening", p -> BooleanNode.TRUE);
    rpc.register("net_peerCount", p -> text(EthJson.q(chain.peerCount())));
    rpc.register("eth_chainId", p -> text(EthJson.q(chain.chainId())));
    rpc.register("eth_syncing", p -> BooleanNode.FALSE);
    rpc.register("eth_accounts", p -> F.arrayNode());
    rpc.register("eth_blockNumber", p -> text(EthJson.q(chain.head().number())));
    rpc.register("eth_getBalance", p -> text(EthJson.q(state(p, 1).balance(p.address(0)))));
    rpc.register("eth_getTransactionCount", this::transactionCount);
    rpc.register("eth_getCode", p -> text(state(p, 1).code(p.address(0)).toHex()));
    rpc.register(
        "eth_getStorageAt",
        p -> text(state(p, 2).storage(p.address(0), slot(p.string(1))).toBytes32().toHex()));
    rpc.register(
        "eth_call",
        p ->
            text(
                calls
                    .call(CallExecutor.parse(p.node(0)), tags.header(optional(p, 1)), overrides(p))
                    .toHex()));
    rpc.register(
        "eth_estimateGas",
        p ->
            text(
                EthJson.q(
                    calls.estimate(
                        CallExecutor.parse(p.node(0)),
                        tags.header(optional(p, 1)),
                        overrides(p)))));
    rpc.register(
        "eth_createAccessList",
        p ->
            accessLists.create(
                CallExecutor.parse(p.node(0)), tags.header(optional(p, 1)), overrides(p)));
    rpc.register(
        "eth_simulateV1",
        p -> simulator.simulate(SimulatePayload.parse(p.node(0)), tags.header(optional(p, 1))));
    rpc.register("eth_gasPrice", p -> text(EthJson.q(fees.gasPrice())));
    rpc.register("eth_maxPriorityFeePerGas", p -> text(EthJson.q(fees.suggestedTip())));
    rpc.register(
        "eth_feeHistory",
        p ->
            fees.feeHistory(count(p.node(0)), tags.header(p.node(1)), p.has(2) ? p.node(2) : null));
    rpc.register("eth_sendRawTransaction", this::sendRawTransaction);
    rpc.register("eth_getTransactionByHash", this::transactionByHash);
    rpc.register("eth_getTransactionReceipt", this::transactionReceipt);
    rpc.register("eth_getBlockByNumber", p -> blockJson(tags.block(p.node(0)), p.bool(1, false)));
    rpc.register(
        "eth_getBlockByHash", p -> blockJson(chain.blocks().block(p.hash(0)), p.bool(1, false)));
    rpc.register(
        "eth_getBlockTransactionCountByNumber",
        p ->
            tags.block(p.node(0))
                .<JsonNode>map(b -> text(EthJson.q(b.transactions().size())))
                .orElse(NullNode.instance));
    rpc.register(
        "eth_getBlockTransactionCountByHash",
        p ->
            chain
                .blocks()
                .block(p.hash(0))
                .<JsonNode>map(b -> text(EthJson.q(b.transactions().size())))
                .orElse(NullNode.instance));
    rpc.register("eth_getLogs", p -> logs.logs(p.node(0)));
    rpc.register("eth_getProof", this::proof);
  }

  // ---- blocks and state ----

  private static JsonNode text(String s) {
    return TextNode.valueOf(s);
  }

  private static JsonNode optional(Params p, int i) throws RpcException {
    return p.has(i) ? p.node(i) : null;
  }

  private JsonNode blockJson(Optional<Block> block, boolean full) {
    return block
        .<JsonNode>map(b -> EthJson.block(b, full, chain.chainId()))
        .orElse(NullNode.instance);
  }

  /** The state (third) and block (fourth) overrides of eth_call and its kin. */
  private static CallExecutor.Overrides overrides(Params p) throws RpcException {
    return CallExecutor.Overrides.parse(optional(p, 2), optional(p, 3));
  }

  private TrieWorldState state(Params p, int tagIndex) throws RpcException {
    return chain.stateAt(tags.header(optional(p, tagIndex)));
  }

  private static long count(JsonNode n) throws RpcException {
    if (n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0) return n.asLong();
    if (n.isTextual()) return Params.parseLongQuantity(n.asText(), "block count");
    throw RpcException.invalidParams("block count must be a hex quantity");
  }

  /**
   * A storage slot: hex of at most 32 bytes; leading zeros are allowed (a 32-byte key is usual).
   */
  private static UInt256 slot(String s) throws RpcException {
    if (!Hex.hasPrefix(s) || s.length() < 3 || s.length() > 66) {
      throw RpcException.invalidParams("storage slot: expected hex of at most 32 bytes, got " + s);
    }
    try {
      return UInt256.valueOf(new BigInteger(s.substring(2), 16));
    } catch (IllegalArgumentException e) {
      throw RpcException.invalidParams("storage slot: invalid hex " + s);
    }
  }

  // ---- accounts and transactions ----

  private JsonNode transactionCount(Params p) throws RpcException {
    Address a = p.address(0);
    if (p.has(1) && p.node(1).isTextual() && p.string(1).equals("pending")) {
      requireCaughtUp();
      return text(EthJson.q(chain.pendingNonce(a)));
    }
    return text(EthJson.q(state(p, 1).nonce(a)));
  }

  private JsonNode sendRawTransaction(Params p) throws RpcException {
    byte[] raw = p.data(0).toArray();
    ValidatedTransaction tx;
    try {
      tx = validator.decodeAndValidate(raw, ValidationCache.shared());
    } catch (InvalidTransactionException e) {
      throw new RpcException(
          RpcException.SERVER_ERROR, EthErrors.wording(e.error()) + ": " + e.detail());
    }
    requireCaughtUp();
    try {
      chain.submit(tx, raw.length);
    } catch (MempoolException e) {
      throw new RpcException(RpcException.SERVER_ERROR, e.getMessage());
    }
    listener.accepted(tx, raw);
    return text(tx.hash().toHex());
  }

  /**
   * Refuses to answer from a head the node knows is stale (a pending nonce already used, a
   * transaction acknowledged and then lost); the node has waited briefly to catch up first.
   */
  private void requireCaughtUp() throws RpcException {
    long behind = chain.awaitCaughtUp();
    if (behind > 0) {
      throw new RpcException(
          RpcException.SERVER_ERROR,
          "node is syncing, " + behind + " block" + (behind == 1 ? "" : "s") + " behind");
    }
  }

  private JsonNode transactionByHash(Params p) throws RpcException {
    Bytes32 hash = p.hash(0);
    Optional<TransactionLocation> at = chain.blocks().transactionLocation(hash);
    if (at.isPresent()) {
      Block block =
          chain
              .blocks()
              .block(at.get().blockHash())
              .orElseThrow(() -> missing(at.get().blockHash()));
      var tx = block.transactions().get(at.get().index());
      return EthJson.transaction(
          tx,
          EthJson.sender(tx),
          new EthJson.Position(
              block.hash(), block.number(), at.get().index(), block.header().baseFeeOrZero()),
          chain.chainId());
    }
    return chain
        .pendingTransaction(hash)
        .<JsonNode>map(v -> EthJson.transaction(v.transaction(), v.sender(), null, chain.chainId()))
        .orElse(NullNode.instance);
  }

  private JsonNode transactionReceipt(Params p) throws RpcException {
    Optional<TransactionLocation> at = chain.blocks().transactionLocation(p.hash(0));
    if (at.isEmpty()) return NullNode.instance;
    Bytes32 blockHash = at.get().blockHash();
    Block block = chain.blocks().block(blockHash).orElseThrow(() -> missing(blockHash));
    List<Receipt> receipts =
        chain.blocks().receipts(blockHash).orElseThrow(() -> missing(blockHash));
    return EthJson.receipt(block, receipts, at.get().index(), chain.blocks().logs(blockHash));
  }

  private static IllegalStateException missing(Bytes32 blockHash) {
    return new IllegalStateException("indexed block " + blockHash + " is missing from the store");
  }

  // ---- proofs ----

  private JsonNode proof(Params p) throws RpcException {
    Address address = p.address(0);
    JsonNode keysNode = p.node(1);
    if (!keysNode.isArray()) throw RpcException.invalidParams("storage keys must be an array");
    List<AccountProofs.SlotKey> keys = new ArrayList<>();
    for (JsonNode k : keysNode) {
      String s = k.asText().toLowerCase(Locale.ROOT);
      keys.add(new AccountProofs.SlotKey(s, slot(s)));
    }
    BlockHeader at = tags.header(optional(p, 2));
    return AccountProofs.proof(chain.stateAt(at).store(), at, address, keys);
  }
}

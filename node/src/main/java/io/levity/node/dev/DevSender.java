package io.levity.node.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import io.levity.core.num.UInt256;
import io.levity.core.tx.DynamicFeeTransaction;
import io.levity.core.tx.ImpersonatedSenders;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.block.FeeMarket;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.node.rpc.Params;
import io.levity.node.rpc.RpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code eth_sendTransaction} in dev mode: the node holds the dev accounts' keys (public test
 * keys), fills in what the request leaves out as Hardhat does (the pending nonce, the estimated
 * gas, a 1 gwei tip over twice the next base fee) and signs; the signed transaction then takes the
 * same path as {@code eth_sendRawTransaction}. Any other sender is refused.
 */
final class DevSender {
  static final UInt256 DEFAULT_TIP = UInt256.valueOf(1_000_000_000L);

  private static final Set<String> FIELDS =
      Set.of(
          "from",
          "to",
          "gas",
          "gasPrice",
          "maxFeePerGas",
          "maxPriorityFeePerGas",
          "value",
          "data",
          "input",
          "nonce",
          "chainId",
          "type");

  private final long chainId;
  private final DevChain chain;
  private final Map<Address, TransactionSigner> signers = new LinkedHashMap<>();
  private final Set<Address> impersonated = ConcurrentHashMap.newKeySet();
  private final JsonRpcProcessor rpc;

  DevSender(long chainId, DevChain chain, List<Secp256k1.KeyPair> keys, JsonRpcProcessor rpc) {
    this.chainId = chainId;
    this.chain = chain;
    this.rpc = rpc;
    for (Secp256k1.KeyPair k : keys) signers.put(k.address(), new TransactionSigner(k));
  }

  List<Address> accounts() {
    return new ArrayList<>(signers.keySet());
  }

  JsonNode send(JsonNode o) throws RpcException {
    if (o == null || !o.isObject())
      throw RpcException.invalidParams("the transaction must be an object");
    for (var it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) throw RpcException.invalidParams("unknown field " + f);
    }
    if (!o.hasNonNull("from")) throw RpcException.invalidParams("from is required");
    Address from = Params.parseAddress(o.get("from").asText(), "from");
    TransactionSigner signer = signers.get(from);
    if (signer == null && !impersonated.contains(from))
      throw new RpcException(
          RpcException.SERVER_ERROR,
          "unknown account "
              + from
              + ": dev mode signs for its dev accounts (eth_accounts) and impersonated ones"
              + " (anvil_impersonateAccount) only; sign elsewhere and use eth_sendRawTransaction");
    if (o.hasNonNull("chainId")
        && Params.parseLongQuantity(o.get("chainId").asText(), "chainId") != chainId)
      throw RpcException.invalidParams("chainId differs from the chain's " + chainId);
    Optional<Address> to =
        o.hasNonNull("to")
            ? Optional.of(Params.parseAddress(o.get("to").asText(), "to"))
            : Optional.empty();
    UInt256 value = optQuantity(o, "value", UInt256.ZERO);
    Bytes data = data(o);
    long nonce =
        o.hasNonNull("nonce")
            ? Params.parseLongQuantity(o.get("nonce").asText(), "nonce")
            : chain.mempool().pendingNonce(from);
    long gas =
        o.hasNonNull("gas") ? Params.parseLongQuantity(o.get("gas").asText(), "gas") : estimate(o);
    Transaction signed;
    if (o.hasNonNull("gasPrice")) {
      if (o.hasNonNull("maxFeePerGas") || o.hasNonNull("maxPriorityFeePerGas"))
        throw RpcException.invalidParams(
            "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
      UInt256 price = Params.parseQuantity(o.get("gasPrice").asText(), "gasPrice");
      signed =
          sign(
              from,
              signer,
              new LegacyTransaction(
                  nonce,
                  price,
                  gas,
                  to,
                  value,
                  data,
                  OptionalLong.of(chainId),
                  Transaction.UNSIGNED));
    } else {
      UInt256 tip = optQuantity(o, "maxPriorityFeePerGas", DEFAULT_TIP);
      UInt256 baseFee = FeeMarket.nextBaseFee(chain.head());
      UInt256 maxFee = optQuantity(o, "maxFeePerGas", baseFee.add(baseFee).add(tip));
      signed =
          sign(
              from,
              signer,
              new DynamicFeeTransaction(
                  OptionalLong.of(chainId),
                  nonce,
                  tip,
                  maxFee,
                  gas,
                  to,
                  value,
                  data,
                  List.of(),
                  Transaction.UNSIGNED));
    }
    return call("eth_sendRawTransaction", Hex.encode(signed.encode()));
  }

  /**
   * Signs with the dev key, or, for an impersonated account, puts a placeholder signature on the
   * transaction (r encodes the sender, so two accounts' otherwise equal transactions differ) and
   * records its sender by hash.
   */
  private static Transaction sign(Address from, TransactionSigner signer, Transaction draft) {
    if (signer != null) return signer.sign(draft);
    BigInteger r = new BigInteger(1, from.toArray()).add(BigInteger.ONE);
    Transaction tx = draft.withSignature(new Signature(r, BigInteger.ONE, 0));
    ImpersonatedSenders.register(tx.hash(), from);
    return tx;
  }

  /** Lets eth_sendTransaction send from {@code a} without its key. */
  void impersonate(Address a) {
    impersonated.add(a);
  }

  void stopImpersonating(Address a) {
    impersonated.remove(a);
  }

  private long estimate(JsonNode o) throws RpcException {
    ObjectNode call = o.deepCopy();
    call.remove("nonce");
    call.remove("chainId");
    call.remove("type");
    JsonNode gas = call("eth_estimateGas", call);
    return Params.parseLongQuantity(gas.asText(), "estimated gas");
  }

  private static Bytes data(JsonNode o) throws RpcException {
    Bytes input = o.hasNonNull("input") ? Params.parseData(o.get("input").asText(), "input") : null;
    Bytes data = o.hasNonNull("data") ? Params.parseData(o.get("data").asText(), "data") : null;
    if (input != null && data != null && !input.equals(data))
      throw RpcException.invalidParams("both \"data\" and \"input\" are set and not equal");
    return input != null ? input : data != null ? data : Bytes.EMPTY;
  }

  private static UInt256 optQuantity(JsonNode o, String field, UInt256 dflt) throws RpcException {
    return o.hasNonNull(field) ? Params.parseQuantity(o.get(field).asText(), field) : dflt;
  }

  /** Runs another method of this node, passing its error on as it is. */
  private JsonNode call(String method, Object param) throws RpcException {
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    var params = req.putArray("params");
    if (param instanceof JsonNode n) params.add(n);
    else params.add(param.toString());
    ObjectNode res = rpc.handleOne(req);
    JsonNode err = res.get("error");
    if (err != null)
      throw new RpcException(
          err.path("code").asInt(), err.path("message").asText(), err.get("data"));
    return res.get("result");
  }
}

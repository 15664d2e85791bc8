package io.levity.evm.statetest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.evm.AccessListEntry;
import io.levity.evm.BlockContext;
import io.levity.evm.ContractAddress;
import io.levity.evm.Evm;
import io.levity.evm.ExecutionResult;
import io.levity.evm.InMemoryWorld;
import io.levity.evm.Log;
import io.levity.evm.Message;
import io.levity.evm.TxContext;
import io.levity.evm.fork.Forks;
import io.levity.evm.precompile.Precompiles;
import io.levity.evm.trace.Tracer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs GeneralStateTests fixtures through the EVM with a minimal, test-only transaction layer (validation,
 * intrinsic gas, fee purchase, refunds, coinbase payment, EIP-161 cleanup) and a one-shot trie root. It checks
 * the interpreter against the reference post-state roots and log hashes; the production transaction layer lives
 * in the execution module.
 */
final class StateTestRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BLOBS = 6;
  private static final long BLOB_GAS = 131072;

  record CaseResult(String name, boolean passed, String detail) {}

  private final Evm evm;
  private final String forkName;

  StateTestRunner(String forkName) {
    this.forkName = forkName;
    this.evm = new Evm(Forks.byName(forkName), Precompiles.cancun());
  }

  List<CaseResult> runFile(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    List<CaseResult> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> test : root.properties()) {
      JsonNode posts = test.getValue().path("post").path(forkName);
      int i = 0;
      for (JsonNode post : posts) {
        String name = test.getKey() + "[" + i++ + "]";
        try {
          out.add(runCase(name, test.getValue(), post, null));
        } catch (RuntimeException e) {
          out.add(new CaseResult(name, false, "exception: " + e));
        }
      }
    }
    return out;
  }

  CaseResult runCase(String name, JsonNode t, JsonNode post, Tracer tracer) {
    InMemoryWorld world = new InMemoryWorld();
    for (Map.Entry<String, JsonNode> e : t.get("pre").properties()) {
      JsonNode a = e.getValue();
      Map<UInt256, UInt256> storage = new HashMap<>();
      for (Map.Entry<String, JsonNode> kv : a.path("storage").properties()) {
        storage.put(UInt256.parse(kv.getKey()), UInt256.parse(kv.getValue().asText()));
      }
      world.put(Address.fromHex(e.getKey()), UInt256.parse(a.get("balance").asText()),
          parseLong(a.get("nonce").asText()), Bytes.fromHex(a.get("code").asText()), storage);
    }
    JsonNode env = t.get("env");
    JsonNode tx = t.get("transaction");
    JsonNode idx = post.get("indexes");
    int di = idx.get("data").asInt();
    int gi = idx.get("gas").asInt();
    int vi = idx.get("value").asInt();

    Address coinbase = Address.fromHex(env.get("currentCoinbase").asText());
    UInt256 baseFee = UInt256.parse(env.path("currentBaseFee").asText("0x0"));
    long excessBlobGas = parseLong(env.path("currentExcessBlobGas").asText("0x0"));
    UInt256 blobBaseFee = UInt256.valueOf(blobBaseFee(excessBlobGas));
    BlockContext block = new BlockContext(coinbase, parseLong(env.get("currentNumber").asText()),
        parseLong(env.get("currentTimestamp").asText()), parseLong(env.get("currentGasLimit").asText()),
        Bytes32.leftPad(Bytes.fromHex(env.path("currentRandom").asText("0x00"))), baseFee, blobBaseFee, 1,
        n -> Keccak.hash(Long.toString(n).getBytes(StandardCharsets.US_ASCII)));

    Address sender = Address.fromHex(tx.get("sender").asText());
    String toText = tx.get("to").asText();
    Address to = toText.isEmpty() ? null : Address.fromHex(toText);
    Bytes data = Bytes.fromHex(tx.get("data").get(di).asText());
    long gasLimit = parseLong(tx.get("gasLimit").get(gi).asText());
    String valueText = tx.get("value").get(vi).asText();
    if (valueText.contains(":bigint ")) {
      // A value that does not fit 256 bits: the transaction cannot be decoded, so nothing changes.
      boolean expected = post.has("expectException");
      return new CaseResult(name, expected && stateRoot(world).toHex().equals(post.get("hash").asText()),
          "value beyond 256 bits");
    }
    UInt256 value = UInt256.parse(valueText);
    long nonce = parseLong(tx.get("nonce").asText());
    boolean dynamic = tx.has("maxFeePerGas");
    UInt256 maxFee = UInt256.parse(dynamic ? tx.get("maxFeePerGas").asText() : tx.get("gasPrice").asText());
    UInt256 maxPriority = dynamic ? UInt256.parse(tx.get("maxPriorityFeePerGas").asText()) : maxFee;
    List<AccessListEntry> accessList = new ArrayList<>();
    JsonNode als = tx.path("accessLists");
    if (als.isArray() && als.size() > di && als.get(di).isArray()) {
      for (JsonNode e : als.get(di)) {
        List<Bytes32> keys = new ArrayList<>();
        for (JsonNode k : e.get("storageKeys")) keys.add(Bytes32.leftPad(Bytes.fromHex(k.asText())));
        accessList.add(new AccessListEntry(Address.fromHex(e.get("address").asText()), keys));
      }
    }
    List<Bytes32> blobHashes = new ArrayList<>();
    boolean blobTx = tx.has("blobVersionedHashes");
    for (JsonNode h : tx.path("blobVersionedHashes")) blobHashes.add(Bytes32.fromHex32(h.asText()));
    UInt256 maxFeePerBlobGas = UInt256.parse(tx.path("maxFeePerBlobGas").asText("0x0"));

    // Validation (what a block builder would reject).
    String invalid = null;
    long intrinsic = intrinsicGas(data, to == null, accessList);
    UInt256 effectivePrice = dynamic ? maxFee.min(baseFee.add(maxPriority)) : maxFee;
    long blobGas = BLOB_GAS * blobHashes.size();
    BigInteger upfront = BigInteger.valueOf(gasLimit).multiply(maxFee.toBigInteger()).add(value.toBigInteger())
        .add(BigInteger.valueOf(blobGas).multiply(maxFeePerBlobGas.toBigInteger()));
    if (blobTx && !forkName.equals("Cancun")) invalid = "blob transaction before Cancun";
    else if (world.nonce(sender) != nonce) invalid = "nonce";
    else if (nonce == -1L) invalid = "nonce max";
    else if (!world.code(sender).isEmpty()) invalid = "sender not EOA";
    else if (Long.compareUnsigned(gasLimit, block.gasLimit()) > 0) invalid = "gas limit above block";
    else if (maxFee.compareTo(baseFee) < 0) invalid = "fee below base fee";
    else if (maxPriority.compareTo(maxFee) > 0) invalid = "priority above max fee";
    else if (intrinsic > gasLimit || gasLimit < 0) invalid = "intrinsic gas";
    else if (to == null && data.size() > 49152) invalid = "initcode too large";
    else if (world.balance(sender).toBigInteger().compareTo(upfront) < 0) invalid = "insufficient funds";
    else if (blobTx && (to == null || blobHashes.isEmpty() || blobHashes.size() > MAX_BLOBS)) invalid = "blob count";
    else if (blobTx && maxFeePerBlobGas.compareTo(blobBaseFee) < 0) invalid = "blob fee";
    else if (blobTx && blobHashes.stream().anyMatch(h -> h.get(0) != 0x01)) invalid = "blob hash version";

    boolean expectInvalid = post.has("expectException");
    if (invalid == null) {
      world.beginTransaction();
      UInt256 gasCost = effectivePrice.multiply(UInt256.valueOf(gasLimit))
          .add(blobBaseFee.multiply(UInt256.valueOf(blobGas)));
      world.subtractBalance(sender, gasCost);
      world.setNonce(sender, nonce + 1);
      TxContext txc = new TxContext(sender, effectivePrice, blobHashes);
      Message m = to == null
          ? Message.create(sender, ContractAddress.create(sender, nonce), value, data, gasLimit - intrinsic)
          : Message.call(sender, to, value, data, gasLimit - intrinsic);
      ExecutionResult r = evm.execute(world, block, txc, m, accessList, tracer);
      long gasUsed = gasLimit - r.gasLeft();
      long refund = Math.min(r.refund(), gasUsed / 5);
      gasUsed -= refund;
      world.addBalance(sender, effectivePrice.multiply(UInt256.valueOf(gasLimit - gasUsed)));
      world.addBalance(coinbase, effectivePrice.subtract(baseFee).multiply(UInt256.valueOf(gasUsed)));
      Evm.finalizeTransaction(world, r, List.of(sender, coinbase));
      Bytes32 logsHash = logsHash(r.logs());
      String wantLogs = post.get("logs").asText();
      if (!logsHash.toHex().equals(wantLogs)) {
        return new CaseResult(name, false, "logs hash " + logsHash + " want " + wantLogs + " (" + r.describe() + ")");
      }
      if (expectInvalid) {
        return new CaseResult(name, false, "expected invalid tx (" + post.get("expectException").asText() + ")");
      }
      Bytes32 root = stateRoot(world);
      String want = post.get("hash").asText();
      return new CaseResult(name, root.toHex().equals(want),
          "root " + root + " want " + want + " (" + r.describe() + ", gasUsed " + gasUsed + ")");
    }
    if (!expectInvalid) return new CaseResult(name, false, "tx rejected as " + invalid + " but expected valid");
    Bytes32 root = stateRoot(world);
    String want = post.get("hash").asText();
    return new CaseResult(name, root.toHex().equals(want), "invalid tx (" + invalid + "): root " + root);
  }

  static long intrinsicGas(Bytes data, boolean create, List<AccessListEntry> accessList) {
    long g = 21000;
    for (byte b : data.unsafeArray()) g += b == 0 ? 4 : 16;
    if (create) g += 32000 + 2L * ((data.size() + 31) / 32);
    for (AccessListEntry e : accessList) g += 2400 + 1900L * e.storageKeys().size();
    return g;
  }

  /** EIP-4844 fake_exponential(1, excess, 3338477). */
  static BigInteger blobBaseFee(long excess) {
    BigInteger factor = BigInteger.ONE;
    BigInteger numerator = BigInteger.valueOf(excess);
    BigInteger denominator = BigInteger.valueOf(3338477);
    BigInteger output = BigInteger.ZERO;
    BigInteger acc = factor.multiply(denominator);
    for (int i = 1; acc.signum() > 0; i++) {
      output = output.add(acc);
      acc = acc.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }

  static Bytes32 logsHash(List<Log> logs) {
    List<byte[]> items = new ArrayList<>();
    for (Log l : logs) {
      List<byte[]> topics = new ArrayList<>();
      for (Bytes32 tp : l.topics()) topics.add(Rlp.encodeBytes(tp));
      items.add(Rlp.encodeList(Rlp.encodeBytes(l.address()), Rlp.encodeList(topics), Rlp.encodeBytes(l.data())));
    }
    return Keccak.hash(Rlp.encodeList(items));
  }

  static Bytes32 stateRoot(InMemoryWorld world) {
    Map<Bytes32, byte[]> accounts = new HashMap<>();
    world.accounts().forEach((addr, a) -> {
      Map<Bytes32, byte[]> slots = new HashMap<>();
      a.storage().forEach((k, v) -> {
        if (!v.isZero()) slots.put(Keccak.hash(k.toBytes32()), Rlp.encodeBytes(v.toMinimalBytes()));
      });
      byte[] nonce = new byte[8];
      for (int i = 0; i < 8; i++) nonce[i] = (byte) (a.nonce() >>> (56 - 8 * i));
      byte[] acct = Rlp.encodeList(Rlp.encodeBytes(Bytes.wrap(nonce).trimLeadingZeros()),
          Rlp.encodeBytes(a.balance().toMinimalBytes()), Rlp.encodeBytes(TestTrie.root(slots)),
          Rlp.encodeBytes(a.code().isEmpty() ? Keccak.EMPTY_HASH : Keccak.hash(a.code())));
      accounts.put(Keccak.hash(addr), acct);
    });
    return TestTrie.root(accounts);
  }

  static long parseLong(String s) {
    return UInt256.parse(s).u0;
  }
}

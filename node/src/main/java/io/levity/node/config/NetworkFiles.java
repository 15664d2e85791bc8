package io.levity.node.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Ed25519;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Genesis;
import io.levity.node.mempool.MempoolConfig;
import io.levity.node.p2p.P2pConfig;
import io.levity.node.p2p.PeerAddress;
import io.levity.node.rpc.RpcServerConfig;
import io.levity.node.runtime.NodeLimits;
import io.levity.node.runtime.ValidatorConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The files that describe a network of separate node processes: {@code genesis.json} (chain id,
 * allocation, validator set, block time) shared by every node, and per node a {@code node.json}
 * (its key file, data directory, p2p listen host, ports and peers) and a {@code node.key} (the
 * Ed25519 seed, hex, owner-only). Format: docs/node.md. Every file is written atomically (temp
 * file, fsync, rename); every field is checked on load with a message that names the file and the
 * field.
 */
public final class NetworkFiles {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NetworkFiles() {}

  /**
   * What {@code levity node --config} runs: the node's configuration plus the ports it serves on.
   */
  public record NodeSetup(
      ValidatorConfig config,
      NodeLimits limits,
      RpcServerConfig rpc,
      List<PeerAddress> peers,
      int httpPort,
      int wsPort,
      int metricsPort,
      Path configFile) {}

  /** p2p fields node.json may not set: they come from the network and the node's own settings. */
  private static final Set<String> P2P_FIXED = Set.of("host", "port", "protocolVersion", "chainId");

  /** JSON-RPC fields node.json may not set: the server listens on 127.0.0.1. */
  private static final Set<String> RPC_FIXED = Set.of("host");

  /** The network-wide parameters in genesis.json. */
  public record NetworkSpec(Genesis genesis, List<Bytes> validators, long blockTimeMillis) {}

  /**
   * Options of {@code levity init}.
   *
   * @param accounts the addresses funded at genesis, each with {@code etherEach} ether
   * @param gasLimit the block gas limit (genesis.json's gasLimit)
   * @param firstP2pPort node i listens on it + i
   * @param firstHttpPort node i serves JSON-RPC HTTP on it + 2i and WebSocket on it + 2i + 1; 0: no
   *     RPC
   * @param firstMetricsPort node i serves metrics on it + i; 0: none
   * @param extraAlloc further genesis accounts (contracts placed at genesis), may be empty
   * @param p2pHost the address every node's p2p port listens on; peers are written as this host
   *     (127.0.0.1 when it is a wildcard address such as 0.0.0.0)
   */
  public record InitSpec(
      int validators,
      int fullNodes,
      long chainId,
      List<Address> accounts,
      long etherEach,
      long blockTimeMillis,
      long gasLimit,
      int firstP2pPort,
      int firstHttpPort,
      int firstMetricsPort,
      Map<Address, Genesis.Account> extraAlloc,
      String p2pHost) {
    /** The host other nodes dial: the listen host, unless that is a wildcard. */
    String dialHost() {
      return p2pHost.equals("0.0.0.0") || p2pHost.equals("::")
          ? ValidatorConfig.DEFAULT_P2P_HOST
          : p2pHost;
    }
  }

  /**
   * Writes genesis.json and node0..node(n-1) (validators first, then full nodes) under {@code dir}.
   */
  public static List<Path> init(Path dir, InitSpec spec, SecureRandom random) throws IOException {
    if (spec.validators() < 1 || spec.validators() > 64)
      throw new IllegalArgumentException("validators must be in 1..64");
    if (spec.fullNodes() < 0 || spec.fullNodes() > 64)
      throw new IllegalArgumentException("full nodes must be in 0..64");
    if (Files.exists(dir.resolve("genesis.json"))) {
      throw new IllegalArgumentException(
          dir + " already holds a network (genesis.json); choose another directory");
    }
    int total = spec.validators() + spec.fullNodes();
    if (spec.firstP2pPort() < 1 || spec.firstP2pPort() + total > 65535)
      throw new IllegalArgumentException("bad p2p ports");
    Files.createDirectories(dir);
    List<Ed25519.KeyPair> keys = new ArrayList<>();
    for (int i = 0; i < total; i++) keys.add(Ed25519.KeyPair.random(random));

    ObjectNode g = JSON.createObjectNode();
    g.put("chainId", spec.chainId());
    g.put("gasLimit", spec.gasLimit());
    g.put("baseFeePerGas", "1000000000");
    g.put("blockTimeMillis", spec.blockTimeMillis());
    ArrayNode vs = g.putArray("validators");
    for (int i = 0; i < spec.validators(); i++) vs.add(Bytes.of(keys.get(i).publicKey()).toHex());
    ObjectNode alloc = g.putObject("alloc");
    String balance =
        UInt256.valueOf(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(spec.etherEach())))
            .toBigInteger()
            .toString();
    for (Address a : spec.accounts()) alloc.putObject(a.toChecksumHex()).put("balance", balance);
    spec.extraAlloc()
        .forEach(
            (a, acc) -> {
              ObjectNode o = alloc.putObject(a.toChecksumHex());
              o.put("balance", acc.balance().toBigInteger().toString());
              if (!acc.code().isEmpty()) o.put("code", acc.code().toHex());
              if (acc.nonce() != 0) o.put("nonce", acc.nonce());
            });
    writeAtomically(dir.resolve("genesis.json"), JSON.writeValueAsBytes(g), false);

    List<Path> configs = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      Path nd = dir.resolve("node" + i);
      Files.createDirectories(nd);
      writeAtomically(
          nd.resolve("node.key"),
          (Bytes.of(keys.get(i).secretKey()).toHex() + "\n").getBytes(StandardCharsets.US_ASCII),
          true);
      ObjectNode n = JSON.createObjectNode();
      n.put("genesis", "../genesis.json");
      n.put("key", "node.key");
      n.put("dataDir", "data");
      n.put("p2pHost", spec.p2pHost());
      n.put("p2pPort", spec.firstP2pPort() + i);
      ArrayNode peers = n.putArray("peers");
      for (int j = 0; j < total; j++)
        if (j != i) peers.add(spec.dialHost() + ":" + (spec.firstP2pPort() + j));
      n.put("httpPort", spec.firstHttpPort() == 0 ? 0 : spec.firstHttpPort() + 2 * i);
      n.put("wsPort", spec.firstHttpPort() == 0 ? 0 : spec.firstHttpPort() + 2 * i + 1);
      n.put("metricsPort", spec.firstMetricsPort() == 0 ? 0 : spec.firstMetricsPort() + i);
      if (i < spec.validators()) {
        n.put(
            "feeRecipient",
            ValidatorConfig.defaultFeeRecipient(keys.get(i).publicKey()).toChecksumHex());
      }
      Path cfg = nd.resolve("node.json");
      writeAtomically(cfg, JSON.writeValueAsBytes(n), false);
      configs.add(cfg);
    }
    return configs;
  }

  /** Reads genesis.json. */
  public static NetworkSpec readGenesis(Path file) throws IOException {
    JsonNode g = read(file);
    long chainId = requiredLong(g, "chainId", file);
    long gasLimit = requiredLong(g, "gasLimit", file);
    UInt256 baseFee = UInt256.parse(requiredText(g, "baseFeePerGas", file));
    long blockTime = g.path("blockTimeMillis").asLong(1000);
    List<Bytes> validators = new ArrayList<>();
    JsonNode vs = g.get("validators");
    if (vs == null || !vs.isArray() || vs.isEmpty())
      throw bad(file, "validators", "a non-empty array of public keys");
    for (JsonNode v : vs) {
      Bytes k = Bytes.fromHex(v.asText());
      if (k.size() != Ed25519.PUBLIC_KEY_SIZE)
        throw bad(file, "validators", "32-byte Ed25519 public keys");
      validators.add(k);
    }
    Map<Address, Genesis.Account> alloc = new LinkedHashMap<>();
    JsonNode a = g.path("alloc");
    for (Map.Entry<String, JsonNode> e : a.properties()) {
      Address addr = Address.fromHex(e.getKey());
      JsonNode acc = e.getValue();
      UInt256 bal = UInt256.parse(acc.path("balance").asText("0"));
      Bytes code = acc.has("code") ? Bytes.fromHex(acc.get("code").asText()) : Bytes.EMPTY;
      alloc.put(addr, new Genesis.Account(bal, code, acc.path("nonce").asLong(0), Map.of()));
    }
    return new NetworkSpec(
        new Genesis(chainId, gasLimit, 0, baseFee, Bytes.EMPTY, alloc), validators, blockTime);
  }

  /**
   * Reads a node.json and what it points at; relative paths are relative to the node.json's
   * directory.
   */
  public static NodeSetup readNode(Path file) throws IOException {
    JsonNode n = read(file);
    Path base = file.toAbsolutePath().getParent();
    NetworkSpec spec = readGenesis(base.resolve(requiredText(n, "genesis", file)).normalize());
    Path keyFile = base.resolve(requiredText(n, "key", file));
    Bytes seed;
    try {
      seed = Bytes.fromHex(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the node key " + keyFile + ": " + e.getMessage(), e);
    }
    if (seed.size() != Ed25519.SECRET_KEY_SIZE)
      throw new IllegalArgumentException(keyFile + ": expected 32 bytes of hex");
    Ed25519.KeyPair key = Ed25519.KeyPair.fromSeed(seed.toArray());
    Path dataDir = base.resolve(n.path("dataDir").asText("data"));
    int p2p = port(n, "p2pPort", file, false);
    List<PeerAddress> peers = new ArrayList<>();
    for (JsonNode p : n.path("peers")) peers.add(PeerAddress.parse(p.asText()));
    Address fee =
        n.has("feeRecipient")
            ? Address.fromHex(n.get("feeRecipient").asText())
            : ValidatorConfig.defaultFeeRecipient(key.publicKey());
    long blockTime = spec.blockTimeMillis();
    ValidatorConfig cfg =
        new ValidatorConfig(
            key,
            spec.validators(),
            dataDir,
            spec.genesis(),
            p2p,
            blockTime,
            Math.max(1_000, 3 * blockTime),
            fee,
            p2pHost(n, file));
    JsonNode limits = n.path("limits");
    if (!limits.isMissingNode() && !limits.isObject())
      throw bad(file, "limits", "an object with any of rpc, mempool and p2p");
    for (var e : limits.properties()) {
      if (!Set.of("rpc", "mempool", "p2p").contains(e.getKey()))
        throw bad(file, "limits", "an object with any of rpc, mempool and p2p, not " + e.getKey());
    }
    MempoolConfig mempool =
        RecordOverrides.apply(
            MempoolConfig.DEFAULT, limits.get("mempool"), file + ": limits.mempool", Set.of());
    JsonNode p2pJson = limits.get("p2p");
    String p2pWhere = file + ": limits.p2p";
    // applied once now, so a bad p2p limit stops the node at start rather than at network open
    UnaryOperator<P2pConfig> p2pLimits =
        c -> RecordOverrides.apply(c, p2pJson, p2pWhere, P2P_FIXED);
    P2pConfig unused = p2pLimits.apply(P2pConfig.defaults(spec.genesis().chainId(), Bytes32.ZERO));
    RpcServerConfig rpc =
        RecordOverrides.apply(
            RpcServerConfig.DEFAULT, limits.get("rpc"), file + ": limits.rpc", RPC_FIXED);
    return new NodeSetup(
        cfg,
        new NodeLimits(mempool, p2pLimits),
        rpc,
        peers,
        port(n, "httpPort", file, true),
        port(n, "wsPort", file, true),
        port(n, "metricsPort", file, true),
        file);
  }

  private static String p2pHost(JsonNode n, Path file) {
    if (!n.has("p2pHost")) return ValidatorConfig.DEFAULT_P2P_HOST;
    String host = n.get("p2pHost").asText("").trim();
    if (host.isEmpty() || !n.get("p2pHost").isTextual())
      throw bad(file, "p2pHost", "an address to listen on, such as 127.0.0.1 or 0.0.0.0");
    return host;
  }

  private static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
    try {
      JsonNode n = JSON.readTree(file.toFile());
      if (n == null || !n.isObject())
        throw new IllegalArgumentException(file + ": expected a JSON object");
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static int port(JsonNode n, String field, Path file, boolean zeroAllowed) {
    if (!n.has(field)) {
      if (zeroAllowed) return 0;
      throw bad(file, field, "a port number");
    }
    int p = n.get(field).asInt(-1);
    if (p < (zeroAllowed ? 0 : 1) || p > 65535)
      throw bad(file, field, "a port in " + (zeroAllowed ? 0 : 1) + "..65535");
    return p;
  }

  private static long requiredLong(JsonNode n, String field, Path file) {
    if (!n.has(field) || !n.get(field).canConvertToLong()) throw bad(file, field, "a number");
    return n.get(field).asLong();
  }

  private static String requiredText(JsonNode n, String field, Path file) {
    if (!n.has(field)) throw bad(file, field, "a value");
    return n.get(field).asText();
  }

  private static IllegalArgumentException bad(Path file, String field, String expected) {
    return new IllegalArgumentException(file + ": field '" + field + "' must be " + expected);
  }

  /** Write to a temp file, fsync, rename over the target, fsync the directory. */
  static void writeAtomically(Path file, byte[] content, boolean secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Set<StandardOpenOption> opts =
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
    try (FileChannel ch =
        secret && posix
            ? FileChannel.open(
                tmp,
                opts,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : FileChannel.open(tmp, opts)) {
      ch.write(ByteBuffer.wrap(content));
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel d = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
      d.force(true);
    } catch (
        IOException e) { // some file systems cannot sync a directory; the rename is still atomic
    }
  }
}

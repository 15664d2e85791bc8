package io.levity.storage.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.storage.chain.FileStorageChain;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.rpc.RpcStorageChain;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage "network file": where a client or node finds the chain, which erasure code new
 * uploads use, and (informational) the nodes a devnet started. JSON, relative paths resolved
 * against the file's directory:
 *
 * <pre>
 * {"version": 1,
 *  "code": {"dataShards": 6, "parityShards": 3},
 *  "chain": {"kind": "file", "path": "storage/chain.json"},
 *  "nodes": [{"nodeId": "0x..", "endpoint": "127.0.0.1:40001", "dataDir": "storage/node0"}]}
 * </pre>
 *
 * Chain kinds: {@code file} ({@link FileStorageChain}) and {@code rpc} ({@code {"kind": "rpc",
 * "url": ..., "registry": ..., "privateKey": ..., "epochBlocks": ...}}: a {@link RpcStorageChain}
 * over a Levity node's JSON-RPC, see {@link #openRpc}; another opener can be installed with {@link
 * #rpcOpener(RpcOpener)}).
 */
public record NetworkFile(
    ChainSpec chain, int dataShards, int parityShards, List<NodeEntry> nodes) {
  /** Default location, written by the devnet: {@code ./.levity/devnet/storage.json}. */
  public static final Path DEFAULT = Path.of(".levity", "devnet", "storage.json");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public NetworkFile {
    Objects.requireNonNull(chain, "chain");
    nodes = List.copyOf(nodes);
  }

  /** How to reach the chain. */
  public sealed interface ChainSpec permits FileChain, RpcChain {}

  /** A {@link FileStorageChain} at {@code path} (absolute once loaded). */
  public record FileChain(Path path) implements ChainSpec {}

  /**
   * A Levity node's JSON-RPC at {@code url} with the storage registry contract at {@code registry}.
   */
  public record RpcChain(String url, String registry, Map<String, String> options)
      implements ChainSpec {
    public RpcChain {
      options = Map.copyOf(options);
    }
  }

  /** A node a devnet started (informational: clients use the nodes registered on the chain). */
  public record NodeEntry(Bytes32 nodeId, String endpoint, Path dataDir) {}

  /** Opens {@code rpc} chain specs in place of {@link #openRpc} (null: the default). */
  public interface RpcOpener {
    StorageChain open(RpcChain spec);
  }

  private static volatile RpcOpener rpcOpener;

  /** Installs another opener of {@code rpc} chains (null restores the default). */
  public static void rpcOpener(RpcOpener opener) {
    rpcOpener = opener;
  }

  /** Opens the chain this file names. */
  public StorageChain openChain() {
    return switch (chain) {
      case FileChain f -> FileStorageChain.open(f.path());
      case RpcChain r -> {
        RpcOpener o = rpcOpener;
        yield o != null ? o.open(r) : openRpc(r);
      }
    };
  }

  /**
   * The default opener of {@code rpc} chains: {@link RpcStorageChain} at {@code url} with the
   * registry at {@code registry} ("devnet" for {@link RpcStorageChain#DEVNET_REGISTRY}). Options:
   * {@code privateKey} (hex; else the environment variable {@code LEVITY_STORAGE_KEY}; without
   * either the chain is read-only) and {@code epochBlocks} (default {@value
   * RpcStorageChain.Config#DEFAULT_EPOCH_BLOCKS}).
   */
  static StorageChain openRpc(RpcChain r) {
    String hex = r.options().getOrDefault("privateKey", System.getenv("LEVITY_STORAGE_KEY"));
    Optional<Secp256k1.KeyPair> key =
        hex == null || hex.isBlank()
            ? Optional.empty()
            : Optional.of(Secp256k1.KeyPair.fromPrivate(Bytes32.fromHex32(hex.trim())));
    Address registry =
        r.registry().equals("devnet")
            ? RpcStorageChain.DEVNET_REGISTRY
            : Address.fromHex(r.registry());
    long epochBlocks =
        Long.parseLong(
            r.options()
                .getOrDefault(
                    "epochBlocks", Long.toString(RpcStorageChain.Config.DEFAULT_EPOCH_BLOCKS)));
    return new RpcStorageChain(
        RpcStorageChain.Config.of(URI.create(r.url()), registry, key).withEpochBlocks(epochBlocks));
  }

  /** Reads a network file; says clearly what is wrong with a bad one. */
  public static NetworkFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "no storage network file at "
              + file.toAbsolutePath()
              + "; start one with 'levity storage"
              + " devnet' or pass --network FILE");
    }
    JsonNode root = JSON.readTree(file.toFile());
    Path base = file.toAbsolutePath().getParent();
    try {
      if (root.path("version").asInt() != 1)
        throw new IllegalArgumentException("unsupported version");
      JsonNode c = root.path("chain");
      ChainSpec chain =
          switch (c.path("kind").asText()) {
            case "file" -> new FileChain(base.resolve(required(c, "path")).normalize());
            case "rpc" -> {
              Map<String, String> options = new LinkedHashMap<>();
              c.properties()
                  .forEach(
                      e -> {
                        if (!List.of("kind", "url", "registry").contains(e.getKey()))
                          options.put(e.getKey(), e.getValue().asText());
                      });
              yield new RpcChain(required(c, "url"), required(c, "registry"), options);
            }
            default ->
                throw new IllegalArgumentException(
                    "chain.kind must be 'file' or 'rpc', not '" + c.path("kind").asText() + "'");
          };
      JsonNode code = root.path("code");
      List<NodeEntry> nodes = new ArrayList<>();
      for (JsonNode n : root.path("nodes")) {
        nodes.add(
            new NodeEntry(
                Bytes32.fromHex32(required(n, "nodeId")),
                required(n, "endpoint"),
                n.hasNonNull("dataDir")
                    ? base.resolve(n.get("dataDir").asText()).normalize()
                    : null));
      }
      return new NetworkFile(
          chain, code.path("dataShards").asInt(6), code.path("parityShards").asInt(3), nodes);
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed storage network file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes this network file durably (temporary file, fsync, atomic rename), readable by its owner
   * only; paths are stored relative to it.
   */
  public void write(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    Files.createDirectories(base);
    ObjectNode root = JSON.createObjectNode().put("version", 1);
    root.putObject("code").put("dataShards", dataShards).put("parityShards", parityShards);
    ObjectNode c = root.putObject("chain");
    switch (chain) {
      case FileChain f -> c.put("kind", "file").put("path", relative(base, f.path()));
      case RpcChain r -> {
        c.put("kind", "rpc").put("url", r.url()).put("registry", r.registry());
        r.options().forEach(c::put);
      }
    }
    var arr = root.putArray("nodes");
    for (NodeEntry n : nodes) {
      ObjectNode o =
          arr.addObject().put("nodeId", n.nodeId().toHex()).put("endpoint", n.endpoint());
      if (n.dataDir() != null) o.put("dataDir", relative(base, n.dataDir()));
    }
    // Owner-only from creation: an RPC chain's options may hold the operator's private key.
    StorageFiles.replaceDurably(file, JSON.writeValueAsBytes(root), true);
  }

  private static String relative(Path base, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }

  private static String required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("missing string field '" + field + "'");
    }
    return v.asText();
  }
}

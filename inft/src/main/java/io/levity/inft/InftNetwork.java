package io.levity.inft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the iNFT contracts and their oracle are: the file {@code levity devnet} writes ({@code
 * inft.json}) and every {@code levity inft} command reads with {@code --inft FILE}.
 *
 * <pre>
 * {"chainId": 1337, "rpc": "http://127.0.0.1:8545",
 *  "agentNft": "0x..", "verifier": "0x..", "oracleRegistry": "0x..", "market": "0x..",
 *  "oracleUrl": "http://127.0.0.1:8600", "oracleAddress": "0x..",
 *  "storageNetwork": "storage.json"}
 * </pre>
 *
 * {@code storageNetwork} is the storage network file; a relative path is resolved against the
 * folder of the file it is in.
 */
public record InftNetwork(
    long chainId,
    URI rpc,
    Address agentNft,
    Address verifier,
    Address oracleRegistry,
    Address market,
    URI oracleUrl,
    Address oracleAddress,
    Path storageNetwork) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] FIELDS = {
    "chainId",
    "rpc",
    "agentNft",
    "verifier",
    "oracleRegistry",
    "market",
    "oracleUrl",
    "oracleAddress",
    "storageNetwork"
  };

  public InftNetwork {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(agentNft, "agentNft");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(oracleRegistry, "oracleRegistry");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(oracleUrl, "oracleUrl");
    Objects.requireNonNull(oracleAddress, "oracleAddress");
    Objects.requireNonNull(storageNetwork, "storageNetwork");
  }

  /** Reads {@code file}; an IOException says which field is missing or malformed. */
  public static InftNetwork read(Path file) throws IOException {
    if (!Files.isRegularFile(file))
      throw new IOException("no iNFT network file at " + file.toAbsolutePath());
    JsonNode o;
    try {
      o = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    for (String f : FIELDS)
      if (o.get(f) == null || o.get(f).isNull())
        throw new IOException(file + ": missing field '" + f + "'");
    try {
      Path dir = file.toAbsolutePath().getParent();
      return new InftNetwork(
          o.get("chainId").asLong(),
          URI.create(o.get("rpc").asText()),
          Address.fromHex(o.get("agentNft").asText()),
          Address.fromHex(o.get("verifier").asText()),
          Address.fromHex(o.get("oracleRegistry").asText()),
          Address.fromHex(o.get("market").asText()),
          URI.create(o.get("oracleUrl").asText()),
          Address.fromHex(o.get("oracleAddress").asText()),
          dir.resolve(o.get("storageNetwork").asText()));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes it as JSON (the storage network path as given). */
  public void write(Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("chainId", chainId);
    o.put("rpc", rpc.toString());
    o.put("agentNft", agentNft.toHex());
    o.put("verifier", verifier.toHex());
    o.put("oracleRegistry", oracleRegistry.toHex());
    o.put("market", market.toHex());
    o.put("oracleUrl", oracleUrl.toString());
    o.put("oracleAddress", oracleAddress.toHex());
    o.put("storageNetwork", storageNetwork.toString());
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    // Crash-safe: a reader sees the old file or the new one, never half of one.
    StorageFiles.replaceDurably(
        file, (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8), false);
  }
}

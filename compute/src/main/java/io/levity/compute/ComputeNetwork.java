package io.levity.compute;

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
import java.util.Optional;

/**
 * Where the compute layer lives on a network, as {@code compute.json} (the devnet writes one in its
 * data folder):
 *
 * <pre>
 * {"chainId": 1337, "rpc": "http://127.0.0.1:8545", "trainingJobs": "0x...",
 *  "storageNetwork": "storage.json", "inferenceMarket": "0x...",
 *  "chatProvider": "0x...", "embeddingsProvider": "0x...", "devnet": true}
 * </pre>
 *
 * {@code storageNetwork} is the storage network file; a relative path is resolved against the
 * folder of the file it is in. {@code inferenceMarket} (the InferenceMarket contract) is optional:
 * files written before the market existed do not have it. {@code chatProvider} and {@code
 * embeddingsProvider} are the providers user commands and the proxy talk to when none is named (the
 * devnet runs both); they are optional too. {@code devnet} (default false) marks a local
 * development chain whose public dev accounts user commands may fall back on when no key is given.
 */
public record ComputeNetwork(
    long chainId,
    URI rpc,
    Address trainingJobs,
    Path storageNetwork,
    Optional<Address> inferenceMarket,
    Optional<Address> chatProvider,
    Optional<Address> embeddingsProvider,
    boolean devnet) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String[] FIELDS = {"chainId", "rpc", "trainingJobs", "storageNetwork"};

  public ComputeNetwork {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(trainingJobs, "trainingJobs");
    Objects.requireNonNull(storageNetwork, "storageNetwork");
    Objects.requireNonNull(inferenceMarket, "inferenceMarket");
    Objects.requireNonNull(chatProvider, "chatProvider");
    Objects.requireNonNull(embeddingsProvider, "embeddingsProvider");
  }

  /** A network without an inference market. */
  public ComputeNetwork(long chainId, URI rpc, Address trainingJobs, Path storageNetwork) {
    this(
        chainId,
        rpc,
        trainingJobs,
        storageNetwork,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  /** This network with {@code market} as its inference market. */
  public ComputeNetwork withInferenceMarket(Address market) {
    return new ComputeNetwork(
        chainId,
        rpc,
        trainingJobs,
        storageNetwork,
        Optional.of(market),
        chatProvider,
        embeddingsProvider,
        devnet);
  }

  /** This network with its default chat and embeddings providers. */
  public ComputeNetwork withProviders(Optional<Address> chat, Optional<Address> embeddings) {
    return new ComputeNetwork(
        chainId, rpc, trainingJobs, storageNetwork, inferenceMarket, chat, embeddings, devnet);
  }

  /** This network marked as a local devnet (or not). */
  public ComputeNetwork asDevnet(boolean isDevnet) {
    return new ComputeNetwork(
        chainId,
        rpc,
        trainingJobs,
        storageNetwork,
        inferenceMarket,
        chatProvider,
        embeddingsProvider,
        isDevnet);
  }

  /** Reads {@code file}; an IOException says which field is missing or malformed. */
  public static ComputeNetwork read(Path file) throws IOException {
    if (!Files.isRegularFile(file))
      throw new IOException("no compute network file at " + file.toAbsolutePath());
    if (Files.size(file) > 1 << 20) throw new IOException(file + " is larger than 1 MiB");
    JsonNode o;
    try {
      o = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    for (String f : FIELDS)
      if (o == null || o.get(f) == null || o.get(f).isNull())
        throw new IOException(file + ": missing field '" + f + "'");
    try {
      return new ComputeNetwork(
          o.get("chainId").asLong(),
          URI.create(o.get("rpc").asText()),
          Address.fromHex(o.get("trainingJobs").asText()),
          file.toAbsolutePath().getParent().resolve(o.get("storageNetwork").asText()),
          optionalAddress(o, "inferenceMarket"),
          optionalAddress(o, "chatProvider"),
          optionalAddress(o, "embeddingsProvider"),
          o.path("devnet").asBoolean(false));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Writes it as JSON, replacing any previous file atomically. */
  public void write(Path file) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("chainId", chainId);
    o.put("rpc", rpc.toString());
    o.put("trainingJobs", trainingJobs.toHex());
    o.put("storageNetwork", storageNetwork.toString());
    inferenceMarket.ifPresent(m -> o.put("inferenceMarket", m.toHex()));
    chatProvider.ifPresent(m -> o.put("chatProvider", m.toHex()));
    embeddingsProvider.ifPresent(m -> o.put("embeddingsProvider", m.toHex()));
    if (devnet) o.put("devnet", true);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    StorageFiles.replaceDurably(
        file, (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  private static Optional<Address> optionalAddress(JsonNode o, String field) {
    return o.hasNonNull(field)
        ? Optional.of(Address.fromHex(o.get(field).asText()))
        : Optional.empty();
  }
}

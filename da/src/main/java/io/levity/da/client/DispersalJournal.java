package io.levity.da.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.da.chain.DaCertificate;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The client's record of its dispersals: one JSON file per blob, {@code DIR/<blob id>.json},
 * replaced atomically on every change, so {@code levity da status} in another process sees the
 * latest state and a crash leaves the previous one whole.
 */
public final class DispersalJournal {
  private static final ObjectMapper JSON = JsonFiles.JSON;
  private final Path dir;

  /** A journal in {@code dir} (created on the first write). */
  public DispersalJournal(Path dir) {
    this.dir = dir;
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** Writes {@code r}, replacing any earlier record of the blob. */
  public void put(DispersalRecord r) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("blobId", r.blobId().toHex());
    o.put("length", r.length());
    o.put("epoch", r.epoch());
    o.put("status", r.status().name());
    o.put("reason", r.reason());
    r.certificate().ifPresent(c -> o.set("certificate", certificateJson(c)));
    r.certificateTx().ifPresent(t -> o.put("certificateTx", t.toHex()));
    ObjectNode errors = o.putObject("nodeErrors");
    r.nodeErrors().forEach((k, v) -> errors.put(Integer.toString(k), v));
    JsonFiles.replace(file(r.blobId()), o);
  }

  /** The record of {@code blobId}, if this journal has one. */
  public Optional<DispersalRecord> get(Bytes32 blobId) throws IOException {
    Path f = file(blobId);
    if (!Files.isRegularFile(f)) return Optional.empty();
    JsonNode o = JsonFiles.read(f);
    try {
      Map<Integer, String> errors = new TreeMap<>();
      o.path("nodeErrors")
          .properties()
          .forEach(e -> errors.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
      return Optional.of(
          new DispersalRecord(
              Bytes32.fromHex32(o.get("blobId").asText()),
              o.get("length").asLong(),
              o.get("epoch").asLong(),
              BlobStatus.valueOf(o.get("status").asText()),
              o.path("reason").asText(""),
              o.hasNonNull("certificate")
                  ? Optional.of(certificate(o.get("certificate")))
                  : Optional.empty(),
              o.hasNonNull("certificateTx")
                  ? Optional.of(Bytes32.fromHex32(o.get("certificateTx").asText()))
                  : Optional.empty(),
              errors));
    } catch (RuntimeException e) {
      throw new IOException(f + " is not a dispersal record: " + e.getMessage(), e);
    }
  }

  private Path file(Bytes32 blobId) {
    return dir.resolve(blobId.toHex() + ".json");
  }

  /** The certificate as JSON (hex fields), as {@code levity da submit --json} prints it too. */
  public static ObjectNode certificateJson(DaCertificate c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("blobId", c.blobId().toHex());
    o.put("epoch", c.epoch());
    o.put("signers", "0x" + c.signers().toString(16));
    o.put("signature", c.signature().g1().toHex());
    o.put("aggregateKeyG1", c.aggregateKey().g1().toHex());
    o.put("aggregateKeyG2", c.aggregateKey().g2().toHex());
    return o;
  }

  private static DaCertificate certificate(JsonNode o) {
    return new DaCertificate(
        Bytes32.fromHex32(o.get("blobId").asText()),
        o.get("epoch").asLong(),
        new BigInteger(o.get("signers").asText().substring(2), 16),
        new BlsSignature(Bytes.fromHex(o.get("signature").asText())),
        new BlsPublicKey(
            Bytes.fromHex(o.get("aggregateKeyG1").asText()),
            Bytes.fromHex(o.get("aggregateKeyG2").asText())));
  }
}

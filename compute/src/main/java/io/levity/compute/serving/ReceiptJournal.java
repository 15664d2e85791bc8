package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Every served answer's receipt, appended durably so that settlement can batch them later. A record
 * is a 4-byte big-endian length, the CRC-32 of the payload (4 bytes) and the payload (the receipt
 * as UTF-8 JSON); each append is fsynced before the answer is sent. A crash mid-append leaves a
 * torn last record: opening the journal drops it (truncating the file at the last whole record) and
 * keeps every earlier one. A bad record followed by more data is not a torn tail but damage, and
 * opening refuses it rather than dropping acknowledged receipts. A record may also carry the
 * request's exact body and the answer's text ({@link Bodies}), which batch bundles hand to
 * auditors; records written before bodies were kept simply have none.
 */
public final class ReceiptJournal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RECORD = 1 << 20;

  private final Path file;
  private final FileChannel out;
  private final List<ServingReceipt> receipts = new ArrayList<>();
  private final Map<Key, Bodies> bodies = new HashMap<>();
  private final long droppedBytes;

  /** Opens (or creates) the journal in {@code file}, dropping a torn last record. */
  public ReceiptJournal(Path file) throws IOException {
    this.file = file;
    byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    ByteBuffer b = ByteBuffer.wrap(all);
    long good = 0;
    while (b.remaining() >= 8) {
      int len = b.getInt();
      int crc = b.getInt();
      if (len < 0 || len > MAX_RECORD || len > b.remaining()) break;
      byte[] payload = new byte[len];
      b.get(payload);
      if (crc(payload) != crc) {
        if (b.hasRemaining())
          throw new IOException(
              file + ": receipt record at byte " + good + " is damaged and more follow");
        break;
      }
      JsonNode record = JSON.readTree(payload);
      ServingReceipt r = fromJson(record);
      receipts.add(r);
      bodiesFromJson(record).ifPresent(x -> bodies.put(Key.of(r), x));
      good = b.position();
    }
    droppedBytes = all.length - good;
    out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    if (droppedBytes > 0) {
      out.truncate(good);
      out.force(true);
    }
    out.position(good);
    StorageFiles.syncDirectory(file.toAbsolutePath().getParent());
  }

  /** How many bytes of a torn tail opening dropped (0 when the last close was clean). */
  public long droppedBytes() {
    return droppedBytes;
  }

  /**
   * The exact request body an answer was given for, and the answer's text (null for embeddings,
   * whose response hash covers the vectors): what an auditor needs to check the hashes and re-run.
   */
  public record Bodies(Bytes request, String response) {
    public Bodies {
      Objects.requireNonNull(request, "request");
    }
  }

  private record Key(Address user, long nonce) {
    static Key of(ServingReceipt r) {
      return new Key(r.request().user(), r.request().nonce());
    }
  }

  /** Appends a receipt and fsyncs it; when this returns the receipt survives a crash. */
  public synchronized void append(ServingReceipt r) throws IOException {
    append(r, null);
  }

  /** Appends a receipt with its bodies (null for none) and fsyncs both. */
  public synchronized void append(ServingReceipt r, Bodies with) throws IOException {
    ObjectNode record = toJson(r);
    if (with != null) {
      record.put("requestBody", Base64.getEncoder().encodeToString(with.request().toArray()));
      if (with.response() != null) record.put("responseText", with.response());
    }
    byte[] payload = JSON.writeValueAsBytes(record);
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putInt(payload.length).putInt(crc(payload)).put(payload);
    StorageFiles.writeFully(out, b.array(), 0, b.capacity());
    out.force(false);
    receipts.add(r);
    if (with != null) bodies.put(Key.of(r), with);
  }

  /** The bodies journaled with {@code r}, or empty when its record carries none. */
  public synchronized Optional<Bodies> bodies(ServingReceipt r) {
    return Optional.ofNullable(bodies.get(Key.of(r)));
  }

  private static Optional<Bodies> bodiesFromJson(JsonNode o) {
    if (!o.hasNonNull("requestBody")) return Optional.empty();
    String text = o.hasNonNull("responseText") ? o.get("responseText").asText() : null;
    return Optional.of(
        new Bodies(Bytes.wrap(Base64.getDecoder().decode(o.get("requestBody").asText())), text));
  }

  /** Every receipt in the journal, oldest first. */
  public synchronized List<ServingReceipt> receipts() {
    return List.copyOf(receipts);
  }

  /** The journal's file. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private static int crc(byte[] payload) {
    CRC32 c = new CRC32();
    c.update(payload);
    return (int) c.getValue();
  }

  /** A receipt as the journal and the answers' {@code levity} field carry it. */
  public static ObjectNode toJson(ServingReceipt r) {
    ObjectNode o = JSON.createObjectNode();
    ServingRequestTerms q = r.request();
    ServingResponseTerms s = r.response();
    o.put("provider", q.provider().toHex())
        .put("user", q.user().toHex())
        .put("requestHash", q.requestHash().toHex())
        .put("maxFee", q.maxFee().toString())
        .put("nonce", Long.toUnsignedString(q.nonce()))
        .put("deadline", q.deadline())
        .put("userSignature", r.userSignature().toHex())
        .put("responseHash", s.responseHash().toHex())
        .put("modelRoot", s.modelRoot().toHex())
        .put("inputTokens", s.inputTokens())
        .put("outputTokens", s.outputTokens())
        .put("fee", s.fee().toString())
        .put("providerSignature", r.providerSignature().toHex())
        .put("verifiable", r.verifiable());
    return o;
  }

  /**
   * A receipt from {@link #toJson}'s shape; throws IllegalArgumentException (or
   * NumberFormatException) when a field is missing or malformed.
   */
  public static ServingReceipt fromJson(JsonNode o) {
    Address user = Address.fromHex(o.path("user").asText());
    Bytes32 requestHash = Bytes32.fromHex32(o.path("requestHash").asText());
    long nonce = Long.parseUnsignedLong(o.path("nonce").asText());
    ServingRequestTerms q =
        new ServingRequestTerms(
            Address.fromHex(o.path("provider").asText()),
            user,
            requestHash,
            new BigInteger(o.path("maxFee").asText()),
            nonce,
            o.path("deadline").asLong());
    ServingResponseTerms s =
        new ServingResponseTerms(
            requestHash,
            Bytes32.fromHex32(o.path("responseHash").asText()),
            Bytes32.fromHex32(o.path("modelRoot").asText()),
            o.path("inputTokens").asLong(),
            o.path("outputTokens").asLong(),
            new BigInteger(o.path("fee").asText()),
            user,
            nonce);
    return new ServingReceipt(
        q,
        Bytes.fromHex(o.path("userSignature").asText()),
        s,
        Bytes.fromHex(o.path("providerSignature").asText()),
        o.path("verifiable").asBoolean());
  }
}

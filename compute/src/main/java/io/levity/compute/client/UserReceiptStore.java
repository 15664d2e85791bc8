package io.levity.compute.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * A user's receipts, appended durably: every answer received (verified or not) with the exact
 * request body and response bytes, which audits and disputes need. One file per user, {@code <data
 * dir>/<user address>/receipts.log} ({@link #fileFor}), append-only, fsynced after each record
 * before the answer is handed on.
 *
 * <p>Format: one record per line, {@code CCCCCCCC JSON\n}, where {@code CCCCCCCC} is the CRC-32 of
 * the JSON's UTF-8 bytes in 8 lowercase hex digits and the JSON (one line, UTF-8) holds the
 * receipt's fields as the provider's journal writes them ({@code provider, user, requestHash,
 * maxFee, nonce, deadline, userSignature, responseHash, modelRoot, inputTokens, outputTokens, fee,
 * providerSignature, verifiable}; amounts and nonces as decimal strings, hashes and signatures as
 * 0x hex) plus {@code endpoint, path, model, stream}, {@code requestBody} and {@code response}
 * (base64 of the exact bytes: Keccak-256 of {@code requestBody} is {@code requestHash}, of {@code
 * response} is {@code responseHash}), {@code failedCheck} (a {@link ReceiptCheck} name, or null
 * when verified) and {@code savedAt} (Unix milliseconds). A crash mid-append leaves a torn last
 * line: opening for writing truncates it, {@link #read} skips it; a bad line followed by more is
 * damage and is refused. One process at a time opens it for writing (a file lock: a second open
 * fails with an IOException while the proxy runs), since nonces are picked from it; {@link #read}
 * needs no lock.
 */
public final class UserReceiptStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  private final Path file;
  private final FileChannel out;
  private final List<StoredReceipt> receipts;

  private UserReceiptStore(Path file, FileChannel out, List<StoredReceipt> receipts) {
    this.file = file;
    this.out = out;
    this.receipts = receipts;
  }

  /** The store file of {@code user} under {@code dataDir}. */
  public static Path fileFor(Path dataDir, Address user) {
    return dataDir.resolve(user.toHex().toLowerCase(Locale.ROOT)).resolve("receipts.log");
  }

  /** Opens (or creates) the store of {@code user} under {@code dataDir} for appending. */
  public static UserReceiptStore open(Path dataDir, Address user) throws IOException {
    Path file = fileFor(dataDir, user);
    Files.createDirectories(file.getParent());
    Parsed p = parse(file);
    FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    if (!lock(out)) {
      out.close();
      throw new IOException(
          "the receipt store "
              + file
              + " is in use by another levity process (a running proxy?): stop it first");
    }
    if (p.goodBytes < out.size()) {
      out.truncate(p.goodBytes);
      out.force(true);
    }
    out.position(p.goodBytes);
    StorageFiles.syncDirectory(file.toAbsolutePath().getParent());
    return new UserReceiptStore(file, out, p.receipts);
  }

  /** One writer at a time: nonces are picked from the store, so two writers would collide. */
  private static boolean lock(FileChannel out) throws IOException {
    try {
      return out.tryLock() != null;
    } catch (OverlappingFileLockException e) {
      return false;
    }
  }

  /** Every receipt in a store file, oldest first, without opening it for writing. */
  public static List<StoredReceipt> read(Path file) throws IOException {
    return List.copyOf(parse(file).receipts);
  }

  /** Appends {@code r} and fsyncs it; when this returns it survives a crash. */
  public synchronized void append(StoredReceipt r) throws IOException {
    byte[] json = JSON.writeValueAsBytes(toJson(r));
    byte[] line =
        (crc(json) + " " + new String(json, StandardCharsets.UTF_8) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    StorageFiles.writeFully(out, line, 0, line.length);
    out.force(false);
    receipts.add(r);
  }

  /** Every receipt, oldest first. */
  public synchronized List<StoredReceipt> all() {
    return List.copyOf(receipts);
  }

  /** The last receipt stored for {@code provider} with {@code nonce}, if any. */
  public synchronized Optional<StoredReceipt> find(Address provider, long nonce) {
    for (int i = receipts.size() - 1; i >= 0; i--) {
      StoredReceipt r = receipts.get(i);
      if (r.receipt().request().provider().equals(provider) && r.nonce() == nonce)
        return Optional.of(r);
    }
    return Optional.empty();
  }

  /** The highest nonce stored for {@code provider} (0 when none). */
  public synchronized long highestNonce(Address provider) {
    long max = 0;
    for (StoredReceipt r : receipts)
      if (r.receipt().request().provider().equals(provider)) max = Math.max(max, r.nonce());
    return max;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private record Parsed(List<StoredReceipt> receipts, long goodBytes) {}

  private static Parsed parse(Path file) throws IOException {
    List<StoredReceipt> out = new ArrayList<>();
    if (!Files.exists(file)) return new Parsed(out, 0);
    byte[] all = Files.readAllBytes(file);
    int start = 0;
    while (start < all.length) {
      int nl = indexOf(all, (byte) '\n', start);
      if (nl < 0) break; // a torn tail: the last append never finished
      Optional<StoredReceipt> r = line(all, start, nl);
      if (r.isEmpty()) {
        if (nl + 1 < all.length)
          throw new IOException(file + ": record at byte " + start + " is damaged and more follow");
        break;
      }
      out.add(r.get());
      start = nl + 1;
    }
    return new Parsed(out, start);
  }

  private static Optional<StoredReceipt> line(byte[] all, int from, int to) {
    if (to - from < 10 || all[from + 8] != ' ') return Optional.empty();
    String crc = new String(all, from, 8, StandardCharsets.US_ASCII);
    byte[] json = Arrays.copyOfRange(all, from + 9, to);
    if (!crc.equals(crc(json))) return Optional.empty();
    try {
      return Optional.of(fromJson(JSON.readTree(json)));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int indexOf(byte[] a, byte b, int from) {
    for (int i = from; i < a.length; i++) if (a[i] == b) return i;
    return -1;
  }

  private static String crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return HEX.toHexDigits((int) c.getValue());
  }

  static ObjectNode toJson(StoredReceipt r) {
    ObjectNode o = ReceiptJournal.toJson(r.receipt());
    Base64.Encoder b64 = Base64.getEncoder();
    o.put("endpoint", r.endpoint())
        .put("path", r.path())
        .put("model", r.model())
        .put("stream", r.stream())
        .put("requestBody", b64.encodeToString(r.requestBody().toArray()))
        .put("response", b64.encodeToString(r.response().toArray()))
        .put("failedCheck", r.failedCheck().map(Enum::name).orElse(null))
        .put("savedAt", r.savedAtMillis());
    return o;
  }

  static StoredReceipt fromJson(JsonNode o) {
    Base64.Decoder b64 = Base64.getDecoder();
    JsonNode failed = o.path("failedCheck");
    return new StoredReceipt(
        ReceiptJournal.fromJson(o),
        o.path("endpoint").asText(),
        o.path("path").asText(),
        o.path("model").asText(),
        o.path("stream").asBoolean(),
        Bytes.wrap(b64.decode(o.path("requestBody").asText())),
        Bytes.wrap(b64.decode(o.path("response").asText())),
        failed.isTextual() ? Optional.of(ReceiptCheck.valueOf(failed.asText())) : Optional.empty(),
        o.path("savedAt").asLong());
  }
}

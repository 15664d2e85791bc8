package io.levity.da.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Small JSON files written whole or not at all, read with a size cap. */
final class JsonFiles {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final long MAX_FILE = 1 << 20;

  private JsonFiles() {}

  /** Writes {@code node} to a temporary file, forces it, and moves it over {@code target}. */
  static void replace(Path target, JsonNode node) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".levity-", ".tmp");
    try {
      Files.write(tmp, JSON.writeValueAsBytes(node));
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads {@code file} as JSON; the IOException names the file and what is wrong. */
  static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IOException("no file at " + file.toAbsolutePath());
    if (Files.size(file) > MAX_FILE) throw new IOException(file + " is larger than 1 MiB");
    try {
      JsonNode o = JSON.readTree(file.toFile());
      if (o == null || !o.isObject()) throw new IOException(file + " is not a JSON object");
      return o;
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
  }
}

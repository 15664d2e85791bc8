package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replay guard with a file of its own: per user, the highest nonce admitted. Every accepted nonce
 * is written before the request is served, by replacing the file durably (write, fsync, rename,
 * fsync the directory), so a crash leaves the old or the new table and never lets a served nonce be
 * served again. One line per user, {@code 0xADDRESS NONCE}. The whole table is rewritten on each
 * accept: fine for thousands of users; a provider with millions would move it to RocksDB behind the
 * same methods.
 */
public final class DurableNonceGuard implements ReplayGuard {
  private final Path file;
  private final Map<String, Long> highest = new TreeMap<>();

  /** Opens (or starts) the table in {@code file}. */
  public DurableNonceGuard(Path file) throws IOException {
    this.file = file;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) continue;
        String t = line.trim();
        int space = t.indexOf(' ');
        if (space < 0) throw new IOException(file + ": bad nonce line '" + line + "'");
        highest.put(
            Address.fromHex(t.substring(0, space)).toHex(),
            Long.parseUnsignedLong(t.substring(space + 1)));
      }
    }
  }

  @Override
  public synchronized boolean fresh(Address user, long nonce) {
    Long last = highest.get(user.toHex());
    return last == null || Long.compareUnsigned(nonce, last) > 0;
  }

  @Override
  public synchronized long highest(Address user) {
    return highest.getOrDefault(user.toHex(), -1L);
  }

  /** Records {@code nonce} durably if fresh; false (and nothing written) if not. */
  @Override
  public synchronized boolean accept(Address user, long nonce) {
    if (!fresh(user, nonce)) return false;
    Long previous = highest.put(user.toHex(), nonce);
    try {
      StringBuilder b = new StringBuilder();
      highest.forEach(
          (a, n) -> b.append(a).append(' ').append(Long.toUnsignedString(n)).append('\n'));
      StorageFiles.replaceDurably(file, b.toString().getBytes(StandardCharsets.UTF_8), false);
      return true;
    } catch (IOException e) {
      if (previous == null) highest.remove(user.toHex());
      else highest.put(user.toHex(), previous);
      throw new UncheckedIOException("cannot record the nonce durably in " + file, e);
    }
  }
}

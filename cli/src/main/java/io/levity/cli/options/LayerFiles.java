package io.levity.cli.options;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finding a layer's network file, and saying a failure in one line: what the layers' CLIs share.
 */
public final class LayerFiles {
  private LayerFiles() {}

  /**
   * {@code given} when set, else the first that exists of {@code ./NAME}, {@code
   * ./.levity/devnet/NAME} and the devnet's under the Levity home; throws naming every place looked
   * at and {@code hint}.
   */
  public static Path find(Path given, String name, String what, String hint) throws IOException {
    if (given != null) return given;
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of(name));
    candidates.add(Path.of(".levity", "devnet", name));
    Optional.ofNullable(System.getProperty("levity.home"))
        .ifPresent(h -> candidates.add(Path.of(h, ".levity", "devnet", name)));
    for (Path p : candidates) if (Files.isRegularFile(p)) return p;
    throw new IOException(
        "no "
            + what
            + " network file: looked for "
            + String.join(
                ", ", candidates.stream().map(p -> p.toAbsolutePath().toString()).toList())
            + "; "
            + hint);
  }

  /**
   * A folder under the Levity home ({@code -Dlevity.home}, else the user's home): {@code
   * HOME/.levity/NAME}, where a layer's commands keep their state by default.
   */
  public static Path levityDir(String name) {
    String home = System.getProperty("levity.home", System.getProperty("user.home", "."));
    return Path.of(home, ".levity", name);
  }

  /**
   * The key pair of {@code --key}'s hex private key; {@code whose} says whose key to give when none
   * is (for example "account").
   */
  public static Secp256k1.KeyPair privateKey(String hex, String whose) {
    if (hex == null || hex.isBlank())
      throw new IllegalArgumentException(
          "give the " + whose + "'s private key with --key HEX (or LEVITY_KEY)");
    try {
      return Secp256k1.KeyPair.fromPrivate(Bytes32.fromHex32(hex.trim()));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--key is not a 32-byte hex private key");
    }
  }

  /** The message of {@code e} (its type when it has none) on one line. */
  public static String oneLine(Exception e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
    if (e instanceof NoSuchFileException) m = "no such file: " + m;
    if (e instanceof AccessDeniedException) m = "permission denied: " + m;
    return m.replaceAll("\\s*\\R\\s*", " ");
  }
}

package io.levity.cli.storage;

import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --network FILE}: the storage network file (chain, code), written by {@code levity devnet}
 * and {@code levity storage devnet}; one definition for the node and the client commands. Without
 * it (and without {@code LEVITY_NETWORK}) the first file that exists of {@code ./storage.json},
 * {@code ./.levity/devnet/storage.json} and the devnet's under the Levity home ({@code
 * -Dlevity.home}, which {@code ./levity} sets) is used, so the commands work from any folder.
 */
final class StorageNetworkOption {
  @Option(names = "--network", paramLabel = "FILE")
  Path file;

  /** The network file by the lookup above; an IOException naming every place looked at. */
  Path file() throws IOException {
    String home = System.getProperty("levity.home");
    return find(Optional.ofNullable(file), Path.of(""), Optional.ofNullable(home).map(Path::of));
  }

  NetworkFile read() throws IOException {
    return NetworkFile.read(file());
  }

  /** The lookup, from working directory {@code cwd} and Levity home {@code home}. */
  static Path find(Optional<Path> explicit, Path cwd, Optional<Path> home) throws IOException {
    if (explicit.isPresent()) return explicit.get();
    List<Path> candidates = new ArrayList<>();
    candidates.add(cwd.resolve("storage.json"));
    candidates.add(cwd.resolve(NetworkFile.DEFAULT));
    home.ifPresent(h -> candidates.add(h.resolve(NetworkFile.DEFAULT)));
    for (Path p : candidates) if (Files.isRegularFile(p)) return p;
    throw new IOException(
        "no storage network file: looked for "
            + String.join(
                ", ", candidates.stream().map(p -> p.toAbsolutePath().toString()).toList())
            + "; start a devnet ('levity devnet' or 'levity storage devnet') or pass --network FILE");
  }
}

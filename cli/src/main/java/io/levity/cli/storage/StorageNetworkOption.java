package io.levity.cli.storage;

import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --network FILE}: the storage network file (chain, code), written by {@code levity devnet}
 * and {@code levity storage devnet}; one definition for the node and the client commands.
 */
final class StorageNetworkOption {
  @Option(names = "--network", paramLabel = "FILE")
  Path file = NetworkFile.DEFAULT;

  Path file() {
    return file;
  }

  NetworkFile read() throws IOException {
    return NetworkFile.read(file);
  }
}

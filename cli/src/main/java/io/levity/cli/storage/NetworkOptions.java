package io.levity.cli.storage;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.StorageClient;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the client commands: where the network file is, where to stage shards. */
final class NetworkOptions {
  @Option(
      names = "--network",
      paramLabel = "FILE",
      description = "Storage network file (default: ${DEFAULT-VALUE}).",
      defaultValue = ".levity/devnet/storage.json")
  Path network;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where shards are staged; needs about 1.5x the file size free (default: the system temp dir).")
  Path workDir;

  NetworkFile read() throws IOException {
    return NetworkFile.read(network);
  }

  /** A client for the network, using its code for uploads. */
  StorageClient client(boolean repairOnDownload) throws IOException {
    NetworkFile nf = read();
    StorageClient.Config config =
        StorageClient.Config.defaults().withRepairOnDownload(repairOnDownload);
    if (workDir != null) config = config.withWorkDir(workDir);
    return new StorageClient(
        nf.openChain(),
        new HttpNodeClient(),
        ReedSolomon.create(nf.dataShards(), nf.parityShards()),
        config);
  }

  static Bytes32 root(String hex) {
    try {
      return Bytes32.fromHex32(hex);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(new Object()), "not a file root (0x + 64 hex digits): " + hex);
    }
  }
}

package io.levity.cli.storage;

import io.levity.storage.client.HttpNodeClient;
import io.levity.storage.client.StorageClient;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a client command reaches the storage network.
 *
 * @param network the network file
 * @param workDir where shards are staged; empty: the system temp dir
 */
record ClientSettings(Path network, Optional<Path> workDir) {
  /** A client for the network, using its code for uploads. */
  StorageClient open(boolean repairOnDownload) throws IOException {
    NetworkFile nf = NetworkFile.read(network);
    StorageClient.Config config =
        StorageClient.Config.defaults().withRepairOnDownload(repairOnDownload);
    if (workDir.isPresent()) config = config.withWorkDir(workDir.get());
    return new StorageClient(
        nf.openChain(),
        new HttpNodeClient(),
        ReedSolomon.create(nf.dataShards(), nf.parityShards()),
        config);
  }
}

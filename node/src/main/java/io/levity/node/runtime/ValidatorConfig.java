package io.levity.node.runtime;

import io.levity.core.crypto.Ed25519;
import io.levity.execution.block.Genesis;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One validator of a static validator set.
 *
 * @param index this validator's position in {@code validatorKeys}
 * @param dataDir the RocksDB directory of the chain and state; null keeps everything in memory (tests)
 * @param genesis the execution genesis (block 0, chain id)
 * @param validatorKeys the Ed25519 keys of all validators, in index order; each is both the consensus key and the
 *     p2p node key, so a peer's node id tells its validator index (only the own private key is used)
 * @param p2pPort the p2p listen port on 127.0.0.1; 0 picks a free one
 * @param blockIntervalMillis how long a leader waits before proposing: the block time in the happy path
 * @param baseTimeoutMillis the consensus round timeout after a QC; must exceed the block interval
 * @param epoch the consensus epoch to run, the same for every validator and never reused (see docs/node.md); 0
 *     means the stored head's number + 1
 */
public record ValidatorConfig(int index, Path dataDir, Genesis genesis, List<Ed25519.KeyPair> validatorKeys,
    int p2pPort, long blockIntervalMillis, long baseTimeoutMillis, long epoch) {
  public ValidatorConfig {
    if (epoch < 0) throw new IllegalArgumentException("negative epoch " + epoch);
    Objects.requireNonNull(genesis, "genesis");
    validatorKeys = List.copyOf(validatorKeys);
    if (index < 0 || index >= validatorKeys.size()) throw new IllegalArgumentException("no validator " + index);
    if (blockIntervalMillis < 0 || baseTimeoutMillis <= blockIntervalMillis) {
      throw new IllegalArgumentException("need 0 <= block interval (" + blockIntervalMillis
          + " ms) < round timeout (" + baseTimeoutMillis + " ms)");
    }
  }

  public long chainId() {
    return genesis.chainId();
  }
}

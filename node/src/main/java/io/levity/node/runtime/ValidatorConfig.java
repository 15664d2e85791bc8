package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.execution.block.Genesis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node of a network with a static validator set: a validator when its key is in the set,
 * otherwise a full node that follows the chain by block sync.
 *
 * @param nodeKey this node's Ed25519 key: its p2p identity and, for a validator, its consensus key
 * @param validators the validators' Ed25519 public keys in index order (the same list on every
 *     node); a peer whose authenticated node id is one of them is that validator
 * @param dataDir the RocksDB directory of the chain, state and consensus state; null keeps
 *     everything in memory
 * @param genesis the execution genesis (block 0, chain id)
 * @param p2pPort the p2p listen port; 0 picks a free one
 * @param blockIntervalMillis how long a leader waits before proposing: the block time in the happy
 *     path
 * @param baseTimeoutMillis the consensus round timeout after a QC; must exceed the block interval
 * @param feeRecipient the coinbase of the blocks this validator proposes (receives the priority
 *     fees)
 * @param p2pHost the address the p2p port listens on: 127.0.0.1 (the default) for nodes on one
 *     machine, an interface's address or 0.0.0.0 for nodes on separate machines
 */
public record ValidatorConfig(
    Ed25519.KeyPair nodeKey,
    List<Bytes> validators,
    Path dataDir,
    Genesis genesis,
    int p2pPort,
    long blockIntervalMillis,
    long baseTimeoutMillis,
    Address feeRecipient,
    String p2pHost) {
  /** The consensus epoch: one per chain while the validator set is static (see docs/node.md). */
  public static final long CONSENSUS_EPOCH = 1;

  public ValidatorConfig {
    Objects.requireNonNull(nodeKey, "nodeKey");
    Objects.requireNonNull(genesis, "genesis");
    Objects.requireNonNull(feeRecipient, "feeRecipient");
    Objects.requireNonNull(p2pHost, "p2pHost");
    if (p2pHost.isBlank()) throw new IllegalArgumentException("the p2p host is empty");
    validators = List.copyOf(validators);
    if (validators.isEmpty()) throw new IllegalArgumentException("the validator set is empty");
    for (Bytes v : validators) {
      if (v.size() != Ed25519.PUBLIC_KEY_SIZE)
        throw new IllegalArgumentException("validator key of " + v.size() + " bytes");
    }
    if (validators.stream().distinct().count() != validators.size()) {
      throw new IllegalArgumentException("the validator set lists a key twice");
    }
    if (blockIntervalMillis < 0 || baseTimeoutMillis <= blockIntervalMillis) {
      throw new IllegalArgumentException(
          "need 0 <= block interval ("
              + blockIntervalMillis
              + " ms) < round timeout ("
              + baseTimeoutMillis
              + " ms)");
    }
  }

  /** Where p2p listens unless configured otherwise: loopback, reachable from this machine only. */
  public static final String DEFAULT_P2P_HOST = "127.0.0.1";

  /** The same node listening for peers on {@code host}. */
  public ValidatorConfig withP2pHost(String host) {
    return new ValidatorConfig(
        nodeKey,
        validators,
        dataDir,
        genesis,
        p2pPort,
        blockIntervalMillis,
        baseTimeoutMillis,
        feeRecipient,
        host);
  }

  /** Validator {@code index} of a set whose private keys are all known (devnet, tests). */
  public static ValidatorConfig of(
      int index,
      Path dataDir,
      Genesis genesis,
      List<Ed25519.KeyPair> validatorKeys,
      int p2pPort,
      long blockIntervalMillis,
      long baseTimeoutMillis) {
    if (index < 0 || index >= validatorKeys.size())
      throw new IllegalArgumentException("no validator " + index);
    Ed25519.KeyPair own = validatorKeys.get(index);
    return new ValidatorConfig(
        own,
        publicKeys(validatorKeys),
        dataDir,
        genesis,
        p2pPort,
        blockIntervalMillis,
        baseTimeoutMillis,
        defaultFeeRecipient(own.publicKey()),
        DEFAULT_P2P_HOST);
  }

  public static List<Bytes> publicKeys(List<Ed25519.KeyPair> keys) {
    List<Bytes> out = new ArrayList<>(keys.size());
    for (Ed25519.KeyPair k : keys) out.add(Bytes.of(k.publicKey()));
    return out;
  }

  /**
   * The last 20 bytes of keccak256(validator public key): a default fee recipient nobody has the
   * key of.
   */
  public static Address defaultFeeRecipient(byte[] publicKey) {
    return Address.of(Keccak.hash(publicKey).slice(12, 20));
  }

  /** This node's index in the validator set, or -1 for a full node. */
  public int index() {
    return validators.indexOf(Bytes.of(nodeKey.publicKey()));
  }

  public boolean isValidator() {
    return index() >= 0;
  }

  public long chainId() {
    return genesis.chainId();
  }

  /** The name of the node's consensus thread: {@code consensus-INDEX}, or {@code node}. */
  String threadName() {
    return isValidator() ? "consensus-" + index() : "node";
  }
}

package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.LogQuery;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The read side of {@link RpcStorageChain}: {@code eth_call}s of the registry (lists read page by
 * page at one pinned block, so they are consistent), block hashes and ProofResult logs. Every
 * failure is a {@link RegistryException}.
 */
final class RegistryReads {
  private final EthRpc rpc;
  private final Contract registry;

  RegistryReads(EthRpc rpc, Contract registry) {
    this.rpc = rpc;
    this.registry = registry;
  }

  long head() {
    return RegistryException.wrap("head", rpc::blockNumber);
  }

  Optional<Submission> submission(Bytes32 fileRoot) {
    return RegistryAbi.decodeFile(read(BlockTag.LATEST, RegistryAbi.FILE, fileRoot));
  }

  List<Submission> submissions() {
    return pages(
        "file", RegistryAbi.FILE_COUNT, RegistryAbi.FILES_PAGE, RegistryAbi::decodeFilesPage);
  }

  List<StorageNodeRecord> nodes() {
    return pages(
        "node", RegistryAbi.NODE_COUNT, RegistryAbi.NODES_PAGE, RegistryAbi::decodeNodesPage);
  }

  /** The account that registered {@code nodeId}, or the zero address. */
  Address ownerOf(Bytes32 nodeId) {
    return read(BlockTag.LATEST, RegistryAbi.OWNER_OF, nodeId).address(0);
  }

  /** The replica root {@code nodeId} committed for a shard; empty when none (zero). */
  Optional<Bytes32> replicaRoot(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    Bytes32 root =
        read(BlockTag.LATEST, RegistryAbi.REPLICA, nodeId, fileRoot, shardIndex).bytes32(0);
    return root.isZero() ? Optional.empty() : Optional.of(root);
  }

  /** The account the registry lets record proof results now. */
  Address auditor() {
    return read(BlockTag.LATEST, RegistryAbi.AUDITOR).address(0);
  }

  Optional<Bytes32> blockHash(long number) {
    return RegistryException.wrap(
            "block " + number, () -> rpc.getBlockByNumber(BlockTag.number(number)))
        .map(EthBlock::hash);
  }

  /**
   * Adds to {@code into} the block of every FileSubmitted event in blocks {@code [from, to]}, by
   * file root, reading {@code range} blocks per request.
   */
  void submissionBlocks(long from, long to, long range, Map<Bytes32, Long> into) {
    for (long lo = from; lo <= to; lo += range) {
      LogQuery q =
          LogQuery.of(registry.address(), lo, Math.min(to, lo + range - 1))
              .withTopic(0, RegistryAbi.FILE_SUBMITTED.topic());
      for (EthLog log : RegistryException.wrap("FileSubmitted logs", () -> rpc.getLogs(q))) {
        if (log.removed() || log.topics().size() < 2) continue;
        into.putIfAbsent(log.topics().get(1), log.blockNumber());
      }
    }
  }

  /**
   * ProofResult logs of {@code epoch} in blocks {@code [from, to]}, asked {@code range} blocks at a
   * time, optionally of one reporter; in chain order, removed logs skipped.
   */
  List<ProofRecord> proofResults(
      long epoch, long from, long to, long range, Optional<Address> reporter) {
    List<ProofRecord> out = new ArrayList<>();
    for (long lo = from; lo <= to; lo += range) {
      LogQuery q =
          LogQuery.of(registry.address(), lo, Math.min(to, lo + range - 1))
              .withTopic(0, RegistryAbi.PROOF_RESULT.topic())
              .withTopic(1, RegistryAbi.PROOF_RESULT.topicOf(0, epoch))
              .withTopic(3, reporter.map(a -> RegistryAbi.PROOF_RESULT.topicOf(2, a)).orElse(null));
      for (EthLog log : RegistryException.wrap("ProofResult logs", () -> rpc.getLogs(q))) {
        if (log.removed()) continue;
        ProofRecord r = RegistryAbi.decodeProofResult(log.topics(), log.data());
        if (r.epoch() == epoch) out.add(r);
      }
    }
    return List.copyOf(out);
  }

  /** Every entry of a paged list: its count, then pages, all at the head when the read starts. */
  private <T> List<T> pages(
      String what, AbiFunction count, AbiFunction page, Function<AbiValues, List<T>> decode) {
    BlockTag block = BlockTag.number(head());
    AbiValues c = read(block, count);
    long n = RegistryAbi.decoding(what + " count", () -> c.longValue(0));
    LongFunction<List<T>> pageAt =
        offset -> decode.apply(read(block, page, offset, RegistryAbi.PAGE));
    List<T> out = new ArrayList<>();
    while (out.size() < n) {
      List<T> got = pageAt.apply(out.size());
      if (got.isEmpty())
        throw new RegistryException(what + " page at " + out.size() + " of " + n + " is empty");
      out.addAll(got);
    }
    return List.copyOf(out);
  }

  private AbiValues read(BlockTag block, AbiFunction f, Object... args) {
    return RegistryException.wrap(
        "StorageRegistry at " + registry.address() + ", " + f.name(),
        () -> registry.callAt(block, f, args));
  }
}

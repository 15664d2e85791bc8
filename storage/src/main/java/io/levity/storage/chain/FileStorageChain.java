package io.levity.storage.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.files.StorageFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A durable {@link StorageChain} in one JSON file that several processes share (the CLI and storage
 * node processes of a local network), until they talk to a real chain. Every write takes an
 * exclusive lock on {@code FILE.lock} (between processes) and a lock per path (between threads of
 * one process), reads the current state, writes the new state to a temporary file, fsyncs it and
 * renames it over the old one: a reader sees the state before or after a write, never half of one,
 * and a write that returned survives a crash. Epochs advance only through {@link #advanceEpoch()};
 * the randomness of epoch e is {@link InMemoryStorageChain#randomness(long, Bytes32)} with the seed
 * stored in the file. Format: docs/storage.md, "Chain file".
 */
public final class FileStorageChain implements StorageChain {
  private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final ReentrantLock threadLock;

  private FileStorageChain(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.threadLock = IN_PROCESS_LOCKS.computeIfAbsent(this.file, p -> new ReentrantLock());
  }

  /** Opens the chain file, creating it (empty, epoch 0, a random seed) when it does not exist. */
  public static FileStorageChain open(Path file) {
    FileStorageChain chain = new FileStorageChain(file);
    chain.update(state -> state); // creates the file if needed and checks that it parses
    return chain;
  }

  public Path path() {
    return file;
  }

  @Override
  public Submission submit(Submission submission) {
    Objects.requireNonNull(submission, "submission");
    update(
        s -> {
          Submission existing =
              s.submissions().stream()
                  .filter(x -> x.fileRoot().equals(submission.fileRoot()))
                  .findFirst()
                  .orElse(null);
          InMemoryStorageChain.checkSubmission(existing, submission);
          if (existing != null) return s;
          List<Submission> subs = new ArrayList<>(s.submissions());
          subs.add(submission);
          Map<Bytes32, Long> in = new HashMap<>(s.submittedIn());
          in.put(submission.fileRoot(), s.epoch());
          return new FileChainState(
              s.seed(), s.epoch(), subs, s.nodes(), s.proofs(), s.replicas(), in);
        });
    return submission;
  }

  @Override
  public Optional<Submission> submission(Bytes32 fileRoot) {
    return read().submissions().stream().filter(x -> x.fileRoot().equals(fileRoot)).findFirst();
  }

  @Override
  public List<Submission> submissions() {
    return read().submissions();
  }

  @Override
  public OptionalLong submissionEpoch(Bytes32 fileRoot) {
    Long e = read().submittedIn().get(fileRoot);
    return e == null ? OptionalLong.empty() : OptionalLong.of(e);
  }

  @Override
  public Bytes32 registrationDigest(StorageNodeRecord node) {
    return NodeRegistration.localDigest(node);
  }

  /** Needs the node key's signature of {@link NodeRegistration#localDigest}. */
  @Override
  public void registerNode(StorageNodeRecord node, Bytes signature) {
    Objects.requireNonNull(node, "node");
    NodeRegistration.check(registrationDigest(node), node, signature);
    update(
        s -> {
          List<StorageNodeRecord> nodes = new ArrayList<>(s.nodes());
          int at = -1;
          for (int i = 0; i < nodes.size(); i++)
            if (nodes.get(i).nodeId().equals(node.nodeId())) at = i;
          if (at >= 0 && nodes.get(at).equals(node)) return s;
          if (at >= 0) nodes.set(at, node);
          else nodes.add(node);
          return new FileChainState(
              s.seed(),
              s.epoch(),
              s.submissions(),
              nodes,
              s.proofs(),
              s.replicas(),
              s.submittedIn());
        });
  }

  @Override
  public List<StorageNodeRecord> nodes() {
    return read().nodes();
  }

  @Override
  public long currentEpoch() {
    return read().epoch();
  }

  /** Starts the next epoch and returns its number. */
  public long advanceEpoch() {
    return update(
            s ->
                new FileChainState(
                    s.seed(),
                    s.epoch() + 1,
                    s.submissions(),
                    s.nodes(),
                    s.proofs(),
                    s.replicas(),
                    s.submittedIn()))
        .epoch();
  }

  @Override
  public Optional<Bytes32> epochRandomness(long epoch) {
    FileChainState s = read();
    return epoch < 0 || epoch > s.epoch()
        ? Optional.empty()
        : Optional.of(InMemoryStorageChain.randomness(epoch, s.seed()));
  }

  @Override
  public void recordProofResult(ProofRecord record) {
    Objects.requireNonNull(record, "record");
    update(
        s -> {
          if (record.epoch() < 0 || record.epoch() > s.epoch()) {
            throw new IllegalArgumentException(
                "proof result for epoch "
                    + record.epoch()
                    + ", but the chain is in epoch "
                    + s.epoch());
          }
          List<ProofRecord> proofs = new ArrayList<>(s.proofs());
          proofs.add(record);
          return new FileChainState(
              s.seed(),
              s.epoch(),
              s.submissions(),
              s.nodes(),
              proofs,
              s.replicas(),
              s.submittedIn());
        });
  }

  @Override
  public List<ProofRecord> proofResults(long epoch) {
    return read().proofs().stream().filter(p -> p.epoch() == epoch).toList();
  }

  @Override
  public void commitReplica(ReplicaRecord replica) {
    Objects.requireNonNull(replica, "replica");
    update(
        s -> {
          Optional<Submission> file =
              s.submissions().stream()
                  .filter(x -> x.fileRoot().equals(replica.fileRoot()))
                  .findFirst();
          if (!ReplicaRecord.checkNew(s.replicas(), replica, file, s.nodes())) return s;
          List<ReplicaRecord> replicas = new ArrayList<>(s.replicas());
          replicas.add(replica);
          return new FileChainState(
              s.seed(),
              s.epoch(),
              s.submissions(),
              s.nodes(),
              s.proofs(),
              replicas,
              s.submittedIn());
        });
  }

  @Override
  public Optional<Bytes32> replicaRoot(Bytes32 nodeId, Bytes32 fileRoot, int shardIndex) {
    return read().replicas().stream()
        .filter(r -> r.isFor(nodeId, fileRoot, shardIndex))
        .map(ReplicaRecord::replicaRoot)
        .findFirst();
  }

  private FileChainState read() {
    try {
      return FileChainState.parse(JSON.readTree(Files.readAllBytes(file)), file);
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("chain file " + file + " was deleted", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read chain file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Applies {@code change} to the stored state under both locks and stores the result durably. */
  private FileChainState update(UnaryOperator<FileChainState> change) {
    threadLock.lock();
    try {
      Files.createDirectories(file.getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel lc =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lc.lock();
        try {
          FileChainState before = Files.exists(file) ? read() : null;
          FileChainState base =
              before != null
                  ? before
                  : new FileChainState(
                      Bytes32.wrap32(randomSeed()),
                      0,
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of(),
                      Map.of());
          FileChainState after = change.apply(base);
          if (!after.equals(before)) write(after);
          return after;
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update chain file " + file + ": " + e.getMessage(), e);
    } finally {
      threadLock.unlock();
    }
  }

  private static byte[] randomSeed() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return seed;
  }

  private void write(FileChainState s) throws IOException {
    StorageFiles.replaceDurably(
        file, JSON.writeValueAsBytes(FileChainState.render(JSON, s)), false);
  }
}

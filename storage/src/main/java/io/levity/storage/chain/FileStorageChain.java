package io.levity.storage.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
  private static final int VERSION = 1;
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

  /** The state as stored: a small immutable snapshot. */
  private record State(
      Bytes32 seed,
      long epoch,
      List<Submission> submissions,
      List<StorageNodeRecord> nodes,
      List<ProofRecord> proofs,
      List<ReplicaRecord> replicas,
      Map<Bytes32, Long> submittedIn) {
    State {
      submittedIn = Map.copyOf(submittedIn);
      submissions = List.copyOf(submissions);
      nodes = List.copyOf(nodes);
      proofs = List.copyOf(proofs);
      replicas = List.copyOf(replicas);
    }
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
          return new State(s.seed(), s.epoch(), subs, s.nodes(), s.proofs(), s.replicas(), in);
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
          return new State(
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
                new State(
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
    State s = read();
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
          return new State(
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
          return new State(
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

  private State read() {
    try {
      return parse(JSON.readTree(Files.readAllBytes(file)));
    } catch (NoSuchFileException e) {
      throw new IllegalStateException("chain file " + file + " was deleted", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read chain file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Applies {@code change} to the stored state under both locks and stores the result durably. */
  private State update(UnaryOperator<State> change) {
    threadLock.lock();
    try {
      Files.createDirectories(file.getParent());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel lc =
          FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lc.lock();
        try {
          State before = Files.exists(file) ? read() : null;
          State base =
              before != null
                  ? before
                  : new State(
                      Bytes32.wrap32(randomSeed()),
                      0,
                      List.of(),
                      List.of(),
                      List.of(),
                      List.of(),
                      Map.of());
          State after = change.apply(base);
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

  private void write(State s) throws IOException {
    StorageFiles.replaceDurably(file, JSON.writeValueAsBytes(render(s)), false);
  }

  private static ObjectNode render(State s) {
    ObjectNode root =
        JSON.createObjectNode()
            .put("version", VERSION)
            .put("seed", s.seed().toHex())
            .put("epoch", s.epoch());
    ArrayNode subs = root.putArray("submissions");
    for (Submission x : s.submissions()) {
      subs.addObject()
          .put("fileRoot", x.fileRoot().toHex())
          .put("length", x.length())
          .put("dataShards", x.dataShards())
          .put("parityShards", x.parityShards())
          .put("shardCommitment", x.shardCommitment().toHex())
          .put("submitter", x.submitter().toHex())
          .put("epoch", s.submittedIn().getOrDefault(x.fileRoot(), 0L));
    }
    ArrayNode nodes = root.putArray("nodes");
    for (StorageNodeRecord n : s.nodes()) {
      nodes.addObject().put("nodeId", n.nodeId().toHex()).put("endpoint", n.endpoint());
    }
    ArrayNode proofs = root.putArray("proofs");
    for (ProofRecord p : s.proofs()) {
      proofs
          .addObject()
          .put("epoch", p.epoch())
          .put("nodeId", p.nodeId().toHex())
          .put("fileRoot", p.fileRoot().toHex())
          .put("shardIndex", p.shardIndex())
          .put("passed", p.passed())
          .put("reason", p.reason());
    }
    ArrayNode replicas = root.putArray("replicas");
    for (ReplicaRecord r : s.replicas()) {
      replicas
          .addObject()
          .put("nodeId", r.nodeId().toHex())
          .put("fileRoot", r.fileRoot().toHex())
          .put("shardIndex", r.shardIndex())
          .put("replicaRoot", r.replicaRoot().toHex());
    }
    return root;
  }

  private State parse(JsonNode root) {
    try {
      if (root == null || root.path("version").asInt() != VERSION) {
        throw new IllegalArgumentException("not a version " + VERSION + " chain file");
      }
      List<Submission> subs = new ArrayList<>();
      Map<Bytes32, Long> submittedIn = new HashMap<>();
      for (JsonNode x : root.path("submissions")) {
        submittedIn.put(hash(x, "fileRoot"), x.path("epoch").asLong(0)); // 0 in older files
        subs.add(
            new Submission(
                hash(x, "fileRoot"),
                x.path("length").asLong(),
                x.path("dataShards").asInt(),
                x.path("parityShards").asInt(),
                hash(x, "shardCommitment"),
                hash(x, "submitter")));
      }
      List<StorageNodeRecord> nodes = new ArrayList<>();
      for (JsonNode n : root.path("nodes"))
        nodes.add(new StorageNodeRecord(hash(n, "nodeId"), text(n, "endpoint")));
      List<ProofRecord> proofs = new ArrayList<>();
      for (JsonNode p : root.path("proofs")) {
        proofs.add(
            new ProofRecord(
                p.path("epoch").asLong(),
                hash(p, "nodeId"),
                hash(p, "fileRoot"),
                p.path("shardIndex").asInt(),
                p.path("passed").asBoolean(),
                p.path("reason").asText("")));
      }
      List<ReplicaRecord> replicas = new ArrayList<>();
      for (JsonNode r : root.path("replicas")) { // absent in files written before sealing
        replicas.add(
            new ReplicaRecord(
                hash(r, "nodeId"),
                hash(r, "fileRoot"),
                r.path("shardIndex").asInt(),
                hash(r, "replicaRoot")));
      }
      return new State(
          hash(root, "seed"),
          root.path("epoch").asLong(),
          subs,
          nodes,
          proofs,
          replicas,
          submittedIn);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("chain file " + file + " is malformed: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual())
      throw new IllegalArgumentException("missing string field '" + field + "'");
    return v.asText();
  }

  private static Bytes32 hash(JsonNode n, String field) {
    return Bytes32.fromHex32(text(n, field));
  }
}

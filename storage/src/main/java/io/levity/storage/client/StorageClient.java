package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.core.time.ThreadScheduler;
import io.levity.storage.chain.StorageChain;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.erasure.ReedSolomon;
import io.levity.storage.placement.FilePlacement;
import io.levity.storage.placement.Placement;
import io.levity.storage.shard.EncodedFile;
import io.levity.storage.shard.ShardDecoder;
import io.levity.storage.shard.ShardEncoder;
import io.levity.storage.shard.ShardLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Stores files on the storage network and gets them back, over any {@link StorageNodeTransport}.
 * Upload: encode into k + m shards (on disk, one group at a time), record the submission on the
 * chain, send shard i to its placed node, falling back to spares when a node is down ({@link
 * ShardPlacer}). Download: fetch and verify k shards (data shards first), decode, check the file
 * root, and write the file atomically; shards found missing or corrupt on the way are repaired
 * afterwards unless {@link Config#repairOnDownload()} is off ({@link ShardSurvey}). Status and
 * repair survey every shard and verify every copy. Thread-safe; close it to stop its thread pool.
 */
public final class StorageClient implements AutoCloseable {
  /**
   * How a client works.
   *
   * @param workDir where shards are staged (needs about 1.5x the file size free while an upload or
   *     download runs)
   * @param parallelism shard transfers in flight at once
   * @param repairOnDownload repair, after a download, the shards it found missing or corrupt
   * @param submitter recorded as the payer in submissions
   */
  public record Config(Path workDir, int parallelism, boolean repairOnDownload, Bytes32 submitter) {
    public Config {
      if (parallelism < 1) throw new IllegalArgumentException("parallelism must be positive");
    }

    public static Config defaults() {
      return new Config(Path.of(System.getProperty("java.io.tmpdir")), 9, true, Bytes32.ZERO);
    }

    public Config withWorkDir(Path dir) {
      return new Config(dir, parallelism, repairOnDownload, submitter);
    }

    public Config withRepairOnDownload(boolean on) {
      return new Config(workDir, parallelism, on, submitter);
    }
  }

  private final StorageChain chain;
  private final StorageNodeTransport nodes;
  private final ReedSolomon code;
  private final Config config;
  private final ExecutorService pool;
  private final ThreadScheduler ownScheduler;
  private final ShardPlacer placer;

  /** A client whose retries are timed by a scheduler thread of its own. */
  public StorageClient(
      StorageChain chain, StorageNodeTransport nodes, ReedSolomon code, Config config) {
    this(chain, nodes, code, config, new ThreadScheduler("storage-client-retries"), true);
  }

  /** A client whose retries are timed by {@code scheduler} (left open by {@link #close()}). */
  public StorageClient(
      StorageChain chain,
      StorageNodeTransport nodes,
      ReedSolomon code,
      Config config,
      Scheduler scheduler) {
    this(chain, nodes, code, config, scheduler, false);
  }

  private StorageClient(
      StorageChain chain,
      StorageNodeTransport nodes,
      ReedSolomon code,
      Config config,
      Scheduler scheduler,
      boolean ownsScheduler) {
    this.pool =
        Executors.newFixedThreadPool(
            config.parallelism(), Thread.ofPlatform().name("storage-client").daemon().factory());
    this.placer = new ShardPlacer(nodes, new RetryingPut(scheduler, pool));
    this.ownScheduler = ownsScheduler ? (ThreadScheduler) scheduler : null;
    this.chain = chain;
    this.nodes = nodes;
    this.code = code;
    this.config = config;
  }

  /**
   * Uploads {@code file} and returns where its shards went; throws when fewer than k could be
   * stored.
   */
  public UploadResult upload(Path file, ProgressListener progress) throws IOException {
    return inWorkDir("levity-upload-", work -> upload(file, work, progress));
  }

  private UploadResult upload(Path file, Path work, ProgressListener progress) throws IOException {
    long size = Files.size(file);
    ShardEncoder.OnDisk encoded =
        new ShardEncoder(code).encode(file, work, done -> progress.progress("encode", done, size));
    EncodedFile ef = encoded.file();
    Submission s = chain.submit(ef.submission(config.submitter()));
    if (!ef.matches(s))
      throw new StorageException("the chain recorded a different submission: " + s);
    long total = ef.layout().storedBytes();
    AtomicLong sent = new AtomicLong();
    ShardPlacer.Outcome out =
        placer.placeUpload(
            s,
            placement(s),
            ef.shardRoots(),
            encoded.shards(),
            n -> progress.progress("upload", sent.addAndGet(n), total));
    if (out.placed().size() < s.dataShards()) {
      throw new StorageException(
          "only %d of %d shards of %s could be stored, fewer than the %d needed to read it: %s"
              .formatted(
                  out.placed().size(),
                  ef.layout().totalShards(),
                  s.fileRoot(),
                  s.dataShards(),
                  out.failed()));
    }
    return new UploadResult(s.fileRoot(), s.length(), out.placed(), out.failed());
  }

  /**
   * Downloads, verifies and writes the file with root {@code root} to {@code out} (atomically
   * replaced).
   */
  public DownloadResult download(Bytes32 root, Path out, ProgressListener progress)
      throws IOException {
    checkDestination(out);
    Submission s = submission(root);
    ShardSurvey survey = survey(s);
    return inWorkDir("levity-download-", work -> download(s, survey, out, work, progress));
  }

  private DownloadResult download(
      Submission s, ShardSurvey survey, Path out, Path work, ProgressListener progress)
      throws IOException {
    ShardSurvey.Read read = survey.readFile(out, work, progress);
    RepairResult repair = null;
    if (config.repairOnDownload() && !read.bad().isEmpty()) {
      // Nodes already holding any shard of the file are taken, not only those this download
      // read from.
      Set<Bytes32> taken = holders(read.found());
      for (StorageNodeRecord other : survey.locator().placement().ranking()) {
        if (survey.locator().inventory(other).map(held -> !held.isEmpty()).orElse(false))
          taken.add(other.nodeId());
      }
      repair =
          rebuildAndPlace(
              s, survey.locator().placement(), read.found(), read.bad().keySet(), taken, work);
    }
    Map<Integer, String> used = new TreeMap<>();
    read.found().forEach((i, f) -> used.put(i, f.node().endpoint()));
    Map<Integer, String> badText = new TreeMap<>();
    read.bad()
        .forEach((i, b) -> badText.put(i, (b.corrupt() ? "corrupt: " : "missing: ") + b.detail()));
    return new DownloadResult(s.fileRoot(), s.length(), used, badText, repair);
  }

  /**
   * Refuses, before anything is fetched, a download destination that is not a regular file (a
   * device, a directory, a pipe: the final rename would replace it) or whose folder is missing or
   * not writable.
   */
  public static void checkDestination(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    if (Files.exists(out) && !Files.isRegularFile(out))
      throw new StorageException(out + " exists and is not a regular file; refusing to replace it");
    if (parent == null || !Files.isDirectory(parent))
      throw new StorageException("cannot write " + out + ": no such folder " + parent);
    if (!Files.isWritable(parent))
      throw new StorageException("cannot write " + out + ": folder " + parent + " is not writable");
  }

  /**
   * Asks the nodes for every shard of the file and verifies each copy (downloads every shard once).
   */
  public FileStatus status(Bytes32 root) throws IOException {
    ShardSurvey survey = survey(submission(root));
    return inWorkDir("levity-status-", survey::status);
  }

  /**
   * Rebuilds every shard that is missing or corrupt from k good ones and puts each on a live node:
   * its primary if it is up and holds no other shard of the file, else the first such spare. Throws
   * when fewer than k shards are present.
   */
  public RepairResult repair(Bytes32 root) throws IOException {
    Submission s = submission(root);
    ShardSurvey survey = survey(s);
    return inWorkDir("levity-repair-", work -> repair(s, survey, work));
  }

  private RepairResult repair(Submission s, ShardSurvey survey, Path work) throws IOException {
    Map<Integer, ShardLocator.Lookup> all = survey.fetchAll(work, false);
    Map<Integer, ShardLocator.Found> found = new TreeMap<>();
    Set<Integer> wanted = new TreeSet<>();
    all.forEach(
        (i, l) -> {
          if (l.found() != null) found.put(i, l.found());
          else wanted.add(i);
        });
    if (wanted.isEmpty()) return new RepairResult(s.fileRoot(), Map.of(), Map.of());
    if (found.size() < s.dataShards()) {
      throw new StorageException(
          "cannot repair %s: only %d shards are present, %d are needed to rebuild the others"
              .formatted(s.fileRoot(), found.size(), s.dataShards()));
    }
    return rebuildAndPlace(s, survey.locator().placement(), found, wanted, holders(found), work);
  }

  private static Set<Bytes32> holders(Map<Integer, ShardLocator.Found> found) {
    Set<Bytes32> out = new HashSet<>();
    for (ShardLocator.Found f : found.values()) out.add(f.node().nodeId());
    return out;
  }

  private RepairResult rebuildAndPlace(
      Submission s,
      FilePlacement placement,
      Map<Integer, ShardLocator.Found> found,
      Set<Integer> wanted,
      Set<Bytes32> taken,
      Path work)
      throws IOException {
    List<Bytes32> roots = found.values().iterator().next().roots();
    Map<Integer, Path> good = new TreeMap<>();
    found.forEach((i, f) -> good.put(i, f.file()));
    Map<Integer, Path> rebuilt =
        ShardDecoder.rebuild(s, roots, good, wanted, work.resolve("rebuilt"));
    ShardPlacer.Outcome out = placer.placeRebuilt(s, placement, roots, rebuilt, taken);
    return new RepairResult(s.fileRoot(), out.placed(), out.failed());
  }

  private ShardSurvey survey(Submission s) {
    return new ShardSurvey(s, new ShardLocator(s, placement(s), nodes), pool);
  }

  private Submission submission(Bytes32 root) {
    return chain
        .submission(root)
        .orElseThrow(
            () ->
                new StorageException(
                    "no submission is recorded on the chain for "
                        + root
                        + " (wrong root, or a different chain/network file?)"));
  }

  private FilePlacement placement(Submission s) {
    List<StorageNodeRecord> all = chain.nodes();
    if (all.isEmpty()) throw new StorageException("no storage nodes are registered on the chain");
    return Placement.of(s.fileRoot(), s.dataShards() + s.parityShards(), all);
  }

  /** An operation's work, given a fresh directory of its own that is deleted afterwards. */
  @FunctionalInterface
  private interface InWorkDir<T> {
    T run(Path work) throws IOException;
  }

  private <T> T inWorkDir(String prefix, InWorkDir<T> operation) throws IOException {
    Path work = Files.createTempDirectory(Files.createDirectories(config.workDir()), prefix);
    try {
      return operation.run(work);
    } finally {
      deleteTree(work);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + dir, e);
    }
  }

  /** The erasure code new uploads use. */
  public ReedSolomon code() {
    return code;
  }

  /** The layout a file of {@code length} bytes gets with this client's code. */
  public ShardLayout layoutFor(long length) {
    return new ShardLayout(code.dataShards(), code.parityShards(), length);
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (ownScheduler != null) ownScheduler.close();
  }
}

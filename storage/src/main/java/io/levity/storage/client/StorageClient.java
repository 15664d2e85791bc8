package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Stores files on the storage network and gets them back. Upload: encode into k + m shards (on
 * disk, one group at a time), record the submission on the chain, send shard i to its placed node,
 * falling back to spares when a node is down. Download: fetch and verify k shards (data shards
 * first), decode, check the file root, and write the file atomically; shards found missing or
 * corrupt on the way are repaired afterwards unless {@link Config#repairOnDownload()} is off.
 * Status and repair survey every shard and verify every copy. Thread-safe; close it to stop its
 * thread pool.
 */
public final class StorageClient implements AutoCloseable {
  /**
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
  private final HttpNodeClient nodes;
  private final ReedSolomon code;
  private final Config config;
  private final ExecutorService pool;

  public StorageClient(StorageChain chain, HttpNodeClient nodes, ReedSolomon code, Config config) {
    this.chain = chain;
    this.nodes = nodes;
    this.code = code;
    this.config = config;
    this.pool =
        Executors.newFixedThreadPool(
            config.parallelism(),
            r -> {
              Thread t = new Thread(r, "storage-client");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Uploads {@code file} and returns where its shards went; throws when fewer than k could be
   * stored.
   */
  public UploadResult upload(Path file, ProgressListener progress) throws IOException {
    Path work =
        Files.createTempDirectory(Files.createDirectories(config.workDir()), "levity-upload-");
    try {
      long size = Files.size(file);
      ShardEncoder.OnDisk encoded =
          new ShardEncoder(code)
              .encode(file, work, done -> progress.progress("encode", done, size));
      EncodedFile ef = encoded.file();
      Submission s = chain.submit(ef.submission(config.submitter()));
      if (!ef.matches(s))
        throw new StorageException("the chain recorded a different submission: " + s);
      FilePlacement placement = placement(s);
      long total = ef.layout().storedBytes();
      AtomicLong sent = new AtomicLong();
      Map<Integer, String> placed = new TreeMap<>();
      Map<Integer, String> failures = new TreeMap<>();
      Map<Integer, Future<String>> primaries = new LinkedHashMap<>();
      for (int i = 0; i < ef.layout().totalShards(); i++) {
        int index = i;
        StorageNodeRecord node = placement.primary(i).orElseThrow();
        primaries.put(
            i,
            pool.submit(
                () ->
                    put(
                        node,
                        s,
                        ef.shardRoots(),
                        index,
                        encoded.shards().get(index),
                        n -> progress.progress("upload", sent.addAndGet(n), total))));
      }
      Set<Bytes32> taken = new HashSet<>();
      for (var e : primaries.entrySet()) {
        String error = await(e.getValue());
        StorageNodeRecord node = placement.primary(e.getKey()).orElseThrow();
        if (error == null) {
          placed.put(e.getKey(), node.endpoint());
          taken.add(node.nodeId());
        } else {
          failures.put(e.getKey(), error);
        }
      }
      // Shards whose primary failed go, in index order, to the first spare that takes them and
      // holds nothing else.
      Map<Integer, String> unplaced = new TreeMap<>();
      for (var f : failures.entrySet()) {
        int index = f.getKey();
        List<String> why = new ArrayList<>(List.of(f.getValue()));
        for (StorageNodeRecord spare : placement.spares()) {
          if (taken.contains(spare.nodeId())) continue;
          String error =
              put(spare, s, ef.shardRoots(), index, encoded.shards().get(index), n -> {});
          if (error == null) {
            placed.put(index, spare.endpoint());
            taken.add(spare.nodeId());
            why = null;
            break;
          }
          why.add(error);
        }
        if (why != null)
          unplaced.put(
              index,
              String.join("; ", why)
                  + (placement.spares().isEmpty()
                      ? "; no spare nodes (there are only " + placement.ranking().size() + " nodes)"
                      : ""));
      }
      if (placed.size() < s.dataShards()) {
        throw new StorageException(
            "only "
                + placed.size()
                + " of "
                + ef.layout().totalShards()
                + " shards of "
                + s.fileRoot()
                + " could be stored, fewer than the "
                + s.dataShards()
                + " needed to read it: "
                + unplaced);
      }
      return new UploadResult(s.fileRoot(), s.length(), placed, unplaced);
    } finally {
      deleteTree(work);
    }
  }

  /** Puts one shard; null on success (stored or already held), else why not. */
  private String put(
      StorageNodeRecord node,
      Submission s,
      List<Bytes32> roots,
      int index,
      Path shard,
      java.util.function.LongConsumer sent) {
    for (int attempt = 1; ; attempt++) {
      try {
        nodes.put(node.endpoint(), s.fileRoot(), index, roots, shard, sent);
        return null;
      } catch (NodeRequestException e) {
        if (e.status() == 503 && attempt < 5) {
          sleep(200L * attempt);
          continue;
        }
        // A pooled connection the node closed while idle fails once; a fresh connection tells if it
        // is really down.
        if (e.unreachable() && attempt == 1) continue;
        return node.endpoint()
            + ": "
            + (e.unreachable() ? "unreachable" : e.code() + " " + e.getMessage());
      } catch (IOException e) {
        return node.endpoint() + ": " + e.getMessage();
      }
    }
  }

  /**
   * Downloads, verifies and writes the file with root {@code root} to {@code out} (atomically
   * replaced).
   */
  public DownloadResult download(Bytes32 root, Path out, ProgressListener progress)
      throws IOException {
    Submission s = submission(root);
    ShardLocator locator = new ShardLocator(s, placement(s), nodes);
    Path work =
        Files.createTempDirectory(Files.createDirectories(config.workDir()), "levity-download-");
    try {
      int n = s.dataShards() + s.parityShards();
      Map<Integer, ShardLocator.Found> found = new TreeMap<>();
      Map<Integer, ShardLocator.NotFound> bad = new TreeMap<>();
      int next = 0;
      long wanted =
          s.dataShards()
              * new ShardLayout(s.dataShards(), s.parityShards(), s.length()).shardSize();
      AtomicLong received = new AtomicLong();
      while (found.size() < s.dataShards() && next < n) {
        List<Future<ShardLocator.Lookup>> batch = new ArrayList<>();
        for (int want = s.dataShards() - found.size(); want > 0 && next < n; want--) {
          int index = next++;
          batch.add(
              pool.submit(
                  () ->
                      locator.fetch(
                          index,
                          work,
                          r ->
                              progress.progress(
                                  "download", Math.min(wanted, received.addAndGet(r)), wanted))));
        }
        for (Future<ShardLocator.Lookup> f : batch) {
          ShardLocator.Lookup l = awaitValue(f);
          if (l.found() != null) found.put(l.found().index(), l.found());
          else bad.put(l.notFound().index(), l.notFound());
        }
      }
      if (found.size() < s.dataShards()) {
        throw new StorageException(
            "cannot read "
                + root
                + ": only "
                + found.size()
                + " of the "
                + s.dataShards()
                + " shards needed could be fetched and verified; "
                + describe(bad));
      }
      Map<Integer, Path> files = new TreeMap<>();
      Map<Integer, List<Bytes32>> segmentRoots = new TreeMap<>();
      found.forEach(
          (i, f) -> {
            files.put(i, f.file());
            segmentRoots.put(i, f.segmentRoots());
          });
      Files.createDirectories(out.toAbsolutePath().getParent());
      Path part = out.resolveSibling(out.getFileName() + ".part");
      try {
        ShardDecoder.decodeTo(
            s, files, segmentRoots, part, done -> progress.progress("decode", done, s.length()));
        Files.move(part, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(part);
      }
      RepairResult repair = null;
      if (config.repairOnDownload() && !bad.isEmpty()) {
        List<Bytes32> roots = found.values().iterator().next().roots();
        // Nodes already holding any shard of the file are taken, not only those this download read
        // from.
        Set<Bytes32> taken = holders(found);
        for (StorageNodeRecord other : locator.placement().ranking()) {
          if (locator.inventory(other).map(held -> !held.isEmpty()).orElse(false))
            taken.add(other.nodeId());
        }
        repair = rebuildAndPlace(s, locator.placement(), roots, files, bad.keySet(), taken, work);
      }
      Map<Integer, String> used = new TreeMap<>();
      found.forEach((i, f) -> used.put(i, f.node().endpoint()));
      Map<Integer, String> badText = new TreeMap<>();
      bad.forEach((i, b) -> badText.put(i, (b.corrupt() ? "corrupt: " : "missing: ") + b.detail()));
      return new DownloadResult(root, s.length(), used, badText, repair);
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Asks the nodes for every shard of the file and verifies each copy (downloads every shard once).
   */
  public FileStatus status(Bytes32 root) throws IOException {
    Submission s = submission(root);
    Path work =
        Files.createTempDirectory(Files.createDirectories(config.workDir()), "levity-status-");
    try {
      ShardLocator locator = new ShardLocator(s, placement(s), nodes);
      return toStatus(s, locator, survey(s, locator, work, true));
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Rebuilds every shard that is missing or corrupt from k good ones and puts each on a live node:
   * its primary if it is up and holds no other shard of the file, else the first such spare. Throws
   * when fewer than k shards are present.
   */
  public RepairResult repair(Bytes32 root) throws IOException {
    Submission s = submission(root);
    Path work =
        Files.createTempDirectory(Files.createDirectories(config.workDir()), "levity-repair-");
    try {
      ShardLocator locator = new ShardLocator(s, placement(s), nodes);
      Map<Integer, ShardLocator.Lookup> all = survey(s, locator, work, false);
      Map<Integer, ShardLocator.Found> found = new TreeMap<>();
      Set<Integer> wanted = new java.util.TreeSet<>();
      all.forEach(
          (i, l) -> {
            if (l.found() != null) found.put(i, l.found());
            else wanted.add(i);
          });
      if (wanted.isEmpty()) return new RepairResult(root, Map.of(), Map.of());
      if (found.size() < s.dataShards()) {
        throw new StorageException(
            "cannot repair "
                + root
                + ": only "
                + found.size()
                + " shards are present, "
                + s.dataShards()
                + " are needed to rebuild the others");
      }
      Map<Integer, Path> files = new TreeMap<>();
      found.forEach((i, f) -> files.put(i, f.file()));
      return rebuildAndPlace(
          s,
          locator.placement(),
          found.values().iterator().next().roots(),
          files,
          wanted,
          holders(found),
          work);
    } finally {
      deleteTree(work);
    }
  }

  private static Set<Bytes32> holders(Map<Integer, ShardLocator.Found> found) {
    Set<Bytes32> out = new HashSet<>();
    for (ShardLocator.Found f : found.values()) out.add(f.node().nodeId());
    return out;
  }

  private RepairResult rebuildAndPlace(
      Submission s,
      FilePlacement placement,
      List<Bytes32> roots,
      Map<Integer, Path> good,
      Set<Integer> wanted,
      Set<Bytes32> taken,
      Path work)
      throws IOException {
    Map<Integer, Path> rebuilt =
        ShardDecoder.rebuild(s, roots, good, wanted, work.resolve("rebuilt"));
    Set<Bytes32> otherPrimaries = new HashSet<>();
    for (int i : wanted) placement.primary(i).ifPresent(p -> otherPrimaries.add(p.nodeId()));
    Map<Integer, String> repaired = new TreeMap<>();
    Map<Integer, String> failed = new TreeMap<>();
    for (var e : rebuilt.entrySet()) {
      int index = e.getKey();
      StorageNodeRecord primary = placement.primary(index).orElseThrow();
      List<StorageNodeRecord> candidates = new ArrayList<>();
      candidates.add(primary);
      candidates.addAll(placement.spares());
      // Last resort: any other node not holding a shard of the file and not due one of the shards
      // being repaired.
      placement.ranking().stream()
          .filter(n -> !otherPrimaries.contains(n.nodeId()))
          .forEach(candidates::add);
      List<String> why = new ArrayList<>();
      for (StorageNodeRecord node : candidates.stream().distinct().toList()) {
        if (taken.contains(node.nodeId())) continue;
        String error = putRepaired(node, s, roots, index, e.getValue());
        if (error == null) {
          repaired.put(index, node.endpoint());
          taken.add(node.nodeId());
          why = null;
          break;
        }
        why.add(error);
      }
      if (why != null) {
        failed.put(
            index,
            why.isEmpty() ? "no live node without a shard of this file" : String.join("; ", why));
      }
    }
    return new RepairResult(s.fileRoot(), repaired, failed);
  }

  /**
   * Like {@link #put} but a node claiming to hold the shard already (yet did not serve it) does not
   * count.
   */
  private String putRepaired(
      StorageNodeRecord node, Submission s, List<Bytes32> roots, int index, Path shard) {
    try {
      HttpNodeClient.PutResult r =
          nodes.put(node.endpoint(), s.fileRoot(), index, roots, shard, n -> {});
      return r.stored()
          ? null
          : node.endpoint() + ": says it holds the shard but did not serve a good copy";
    } catch (IOException e) {
      return node.endpoint()
          + ": "
          + (e instanceof NodeRequestException nre && nre.unreachable()
              ? "unreachable"
              : e.getMessage());
    }
  }

  /**
   * Fetches every shard in parallel; keeps the verified copies in {@code work} unless {@code
   * discard}.
   */
  private Map<Integer, ShardLocator.Lookup> survey(
      Submission s, ShardLocator locator, Path work, boolean discard) throws IOException {
    int n = s.dataShards() + s.parityShards();
    List<Future<ShardLocator.Lookup>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Path dir = discard ? Files.createDirectories(work.resolve("s" + i)) : work;
      all.add(
          pool.submit(
              () -> {
                ShardLocator.Lookup l = locator.fetch(index, dir);
                if (discard && l.found() != null) Files.deleteIfExists(l.found().file());
                return l;
              }));
    }
    Map<Integer, ShardLocator.Lookup> out = new TreeMap<>();
    for (int i = 0; i < n; i++) out.put(i, awaitValue(all.get(i)));
    return out;
  }

  private static FileStatus toStatus(
      Submission s, ShardLocator locator, Map<Integer, ShardLocator.Lookup> all) {
    List<ShardState> states = new ArrayList<>();
    all.forEach(
        (i, l) -> {
          String primary =
              locator.placement().primary(i).map(StorageNodeRecord::endpoint).orElse("-");
          if (l.found() != null) {
            String where = l.found().node().endpoint();
            states.add(
                new ShardState(
                    i,
                    ShardState.Health.PRESENT,
                    where,
                    where.equals(primary)
                        ? "verified on its primary"
                        : "verified on a fallback node (primary " + primary + ")"));
          } else {
            states.add(
                new ShardState(
                    i,
                    l.notFound().corrupt() ? ShardState.Health.CORRUPT : ShardState.Health.MISSING,
                    primary,
                    l.notFound().detail()));
          }
        });
    return new FileStatus(s, states);
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

  private static String describe(Map<Integer, ShardLocator.NotFound> bad) {
    StringBuilder b = new StringBuilder();
    bad.forEach(
        (i, nf) ->
            b.append("shard ")
                .append(i)
                .append(nf.corrupt() ? " corrupt" : " missing")
                .append(" (")
                .append(nf.detail())
                .append("); "));
    return b.toString();
  }

  private static String await(Future<String> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      return "failed: " + e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted", e);
    }
  }

  private static <T> T awaitValue(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new StorageException("shard transfer failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted", e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
  }
}

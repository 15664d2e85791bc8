package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import io.levity.storage.shard.ShardDecoder;
import io.levity.storage.shard.ShardLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shards of one file fetched in parallel on the client's pool, for one operation: as many as a
 * read needs (data shards first, the next parity shard for each one missing or corrupt), or all of
 * them for a status or a repair. Every copy is verified ({@link ShardLocator}).
 */
record ShardSurvey(Submission s, ShardLocator locator, ExecutorService pool) {
  /** What a read found: the verified shards it used, and those missing or corrupt on the way. */
  record Read(Map<Integer, ShardLocator.Found> found, Map<Integer, ShardLocator.NotFound> bad) {}

  /**
   * Fetches k verified shards into {@code work}, decodes the file, checks its root and writes it to
   * {@code out} (via {@code out.part}, atomically renamed); throws, writing nothing, when fewer
   * than k shards verify.
   */
  Read readFile(Path out, Path work, ProgressListener progress) throws IOException {
    int n = s.dataShards() + s.parityShards();
    Map<Integer, ShardLocator.Found> found = new TreeMap<>();
    Map<Integer, ShardLocator.NotFound> bad = new TreeMap<>();
    int next = 0;
    long wanted =
        s.dataShards() * new ShardLayout(s.dataShards(), s.parityShards(), s.length()).shardSize();
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
        ShardLocator.Lookup l = await(f);
        if (l.found() != null) found.put(l.found().index(), l.found());
        else bad.put(l.notFound().index(), l.notFound());
      }
    }
    if (found.size() < s.dataShards()) {
      throw new StorageException(
          "cannot read %s: only %d of the %d shards needed could be fetched and verified; %s"
              .formatted(s.fileRoot(), found.size(), s.dataShards(), describe(bad)));
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
    return new Read(found, bad);
  }

  /**
   * Fetches every shard in parallel; keeps the verified copies in {@code work} unless {@code
   * discard}.
   */
  Map<Integer, ShardLocator.Lookup> fetchAll(Path work, boolean discard) throws IOException {
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
    for (int i = 0; i < n; i++) out.put(i, await(all.get(i)));
    return out;
  }

  /** Every shard's state: present (on its primary or a fallback), missing or corrupt. */
  FileStatus status(Path work) throws IOException {
    List<ShardState> states = new ArrayList<>();
    fetchAll(work, true)
        .forEach(
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
                        l.notFound().corrupt()
                            ? ShardState.Health.CORRUPT
                            : ShardState.Health.MISSING,
                        primary,
                        l.notFound().detail()));
              }
            });
    return new FileStatus(s, states);
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

  private static <T> T await(Future<T> f) throws IOException {
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
}

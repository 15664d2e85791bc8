package io.levity.sdk.tx;

import io.levity.core.bytes.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Hands out nonces per sender and never hands out one twice.
 *
 * <p><b>Policy.</b> The next nonce of a sender is the larger of the manager's own next nonce and
 * the node's pending transaction count (asked on every reservation, or only on the first, see
 * {@link Refresh}). So a node that restarts and forgets its mempool (its pending count goes back)
 * does not make the manager go back to a nonce it already gave to an acknowledged transaction,
 * while transactions another client sent from the same key move it forward. With a state file the
 * own next nonce survives a client restart too: it is written (and forced to disk) before a
 * reservation returns.
 *
 * <p><b>Gaps.</b> A nonce handed out is either {@linkplain #markUsed used} (the node took it, or
 * may have: it is never handed out again) or {@linkplain #release released} (the node refused it
 * for sure). A released nonce is reused only if nothing after it was handed out: then the next
 * nonce goes back to it (and to any released ones directly below). Otherwise it stays a gap, listed
 * by {@link #gaps}: the transactions after it wait until it is filled, and the manager does not
 * fill it by itself; the caller takes it deliberately with {@link #reclaimGap} (for example for a
 * zero-value transfer to itself). Thread-safe.
 */
public final class NonceManager {
  /** Where the node's view comes from: an account's pending transaction count. */
  @FunctionalInterface
  public interface NodeNonces {
    long pendingCount(Address account);
  }

  /** When the manager asks the node. */
  public enum Refresh {
    /** Before every reservation: robust when other clients send from the same key. */
    EVERY_RESERVATION,
    /**
     * On a sender's first reservation and on {@link #resync}: no request per transaction, for a
     * client that is the only sender of its keys.
     */
    ON_FIRST_USE
  }

  private static final class Account {
    long next;
    boolean synced;
    final TreeSet<Long> outstanding = new TreeSet<>();
    final TreeSet<Long> gaps = new TreeSet<>();
  }

  private static final Pattern SPACE = Pattern.compile(" ");

  private final NodeNonces node;
  private final Refresh refresh;
  private final Optional<Path> stateFile;
  private final Map<Address, Account> accounts = new HashMap<>();

  private NonceManager(NodeNonces node, Refresh refresh, Optional<Path> stateFile) {
    this.node = Objects.requireNonNull(node, "node");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.stateFile = stateFile;
  }

  /** A manager whose state lives as long as it does. */
  public static NonceManager inMemory(NodeNonces node, Refresh refresh) {
    return new NonceManager(node, refresh, Optional.empty());
  }

  /**
   * A manager that keeps each sender's next nonce in {@code file} (a few lines of text, replaced
   * atomically), loading it if it exists.
   *
   * @throws IllegalStateException if the file exists but cannot be read as a nonce state
   */
  public static NonceManager persistent(NodeNonces node, Refresh refresh, Path file) {
    NonceManager m = new NonceManager(node, refresh, Optional.of(file));
    m.load(file);
    return m;
  }

  /**
   * The nonce for {@code sender}'s next transaction: max(own next, the node's pending count). It
   * counts as outstanding until {@link #markUsed} or {@link #release}.
   *
   * @throws RuntimeException whatever asking the node throws (nothing is reserved then)
   */
  public synchronized long reserve(Address sender) {
    Account a = account(sender);
    if (!a.synced || refresh == Refresh.EVERY_RESERVATION) sync(sender, a);
    long n = a.next;
    a.next = Math.addExact(n, 1);
    a.outstanding.add(n);
    try {
      persist();
    } catch (RuntimeException e) {
      a.next = n;
      a.outstanding.remove(n);
      throw e;
    }
    return n;
  }

  /** The node took the transaction with this nonce, or may have: the nonce is never reused. */
  public synchronized void markUsed(Address sender, long nonce) {
    Account a = account(sender);
    a.outstanding.remove(nonce);
    a.gaps.remove(nonce);
    if (nonce >= a.next) {
      a.next = Math.addExact(nonce, 1);
      persist();
    }
  }

  /**
   * The node refused the transaction with this nonce for sure. Returns true when the nonce is
   * reused (nothing after it was handed out), false when it became a gap (see the class comment).
   *
   * @throws IllegalArgumentException if the nonce is not outstanding
   */
  public synchronized boolean release(Address sender, long nonce) {
    Account a = account(sender);
    if (!a.outstanding.remove(nonce))
      throw new IllegalArgumentException(
          "nonce " + nonce + " of " + sender + " is not outstanding: it cannot be released");
    if (nonce != a.next - 1) {
      a.gaps.add(nonce);
      return false;
    }
    a.next = nonce;
    while (a.gaps.remove(a.next - 1)) a.next--;
    persist();
    return true;
  }

  /** Released nonces below ones handed out later: transactions after them wait until filled. */
  public synchronized SortedSet<Long> gaps(Address sender) {
    Account a = accounts.get(sender);
    return a == null ? new TreeSet<>() : new TreeSet<>(a.gaps);
  }

  /** Takes the lowest gap as outstanding again, to fill it deliberately; empty if there is none. */
  public synchronized OptionalLong reclaimGap(Address sender) {
    Account a = accounts.get(sender);
    if (a == null || a.gaps.isEmpty()) return OptionalLong.empty();
    long n = a.gaps.pollFirst();
    a.outstanding.add(n);
    return OptionalLong.of(n);
  }

  /** Asks the node now and returns the next nonce the manager would hand out. */
  public synchronized long resync(Address sender) {
    Account a = account(sender);
    sync(sender, a);
    persist();
    return a.next;
  }

  /** The next nonce as the manager knows it, without asking the node; empty if never seen. */
  public synchronized OptionalLong known(Address sender) {
    Account a = accounts.get(sender);
    return a == null ? OptionalLong.empty() : OptionalLong.of(a.next);
  }

  private Account account(Address sender) {
    return accounts.computeIfAbsent(Objects.requireNonNull(sender, "sender"), k -> new Account());
  }

  private void sync(Address sender, Account a) {
    long pending = node.pendingCount(sender);
    if (pending < 0) throw new IllegalStateException("negative pending count " + pending);
    a.next = Math.max(a.next, pending);
    a.gaps.removeIf(g -> g < pending); // the node has transactions there: filled by someone
    a.synced = true;
  }

  // ---- the state file: one "0x<address> <next nonce>" line per sender ----

  private void load(Path file) {
    if (!Files.exists(file)) return;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        if (line.isBlank()) continue;
        String[] f = SPACE.split(line.strip(), -1);
        if (f.length != 2) throw new IllegalArgumentException("line '" + line + "'");
        long next = Long.parseLong(f[1]);
        if (next < 0) throw new IllegalArgumentException("negative nonce in '" + line + "'");
        account(Address.fromHex(f[0])).next = next;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read nonce state " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "nonce state " + file + " is damaged (" + e.getMessage() + "); fix or delete it", e);
    }
  }

  private void persist() {
    if (stateFile.isEmpty()) return;
    Path file = stateFile.get();
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Address, Account> e : new TreeMap<>(accounts).entrySet())
      sb.append(e.getKey().toHex()).append(' ').append(e.getValue().next).append('\n');
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.US_ASCII)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write nonce state " + file, e);
    }
  }
}

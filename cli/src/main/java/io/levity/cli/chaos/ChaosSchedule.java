package io.levity.cli.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which validator fails how and when, drawn from a seed so that a run replays: the faults (kills
 * and partitions) are spread evenly over the run, one per slot, each at a random offset in the
 * first quarter of its slot, held for a random time and then repaired, leaving at least half of the
 * slot for the network to recover. Faults never overlap, so at most one validator (never more than
 * f) is down or cut off at any time.
 *
 * @param seed what the schedule was drawn from
 * @param faults in time order
 */
public record ChaosSchedule(long seed, List<Fault> faults) {
  /** The shortest slot per fault: a restarted JVM needs a few seconds to start and catch up. */
  public static final Duration MIN_SLOT = Duration.ofSeconds(8);

  /** What a fault does to its validator. */
  public enum Kind {
    /** SIGKILL, then a restart from its data directory. */
    KILL,
    /** Every link cut through the proxies, then healed. */
    PARTITION
  }

  /**
   * One fault: {@code node} suffers {@code kind} at {@code at} after the start for {@code hold}.
   */
  public record Fault(Kind kind, int node, Duration at, Duration hold) {
    /** When it is repaired. */
    public Duration repairAt() {
      return at.plus(hold);
    }

    @Override
    public String toString() {
      return String.format(
          "%7.1fs %-9s validator %d, repaired after %.1fs",
          at.toMillis() / 1000.0, kind, node, hold.toMillis() / 1000.0);
    }
  }

  public ChaosSchedule {
    faults = List.copyOf(faults);
  }

  /**
   * Draws {@code kills} kills and {@code partitions} partitions of random validators among {@code
   * validators} over {@code duration}.
   *
   * @throws IllegalArgumentException when the network cannot tolerate a fault (fewer than 4
   *     validators) or the duration leaves less than {@link #MIN_SLOT} per fault
   */
  public static ChaosSchedule plan(
      long seed, int validators, Duration duration, int kills, int partitions) {
    if (kills < 0 || partitions < 0) {
      throw new IllegalArgumentException("--kills and --partitions must not be negative");
    }
    int faultCount = kills + partitions;
    if (faultCount > 0 && (validators - 1) / 3 < 1) {
      throw new IllegalArgumentException(
          "a network of " + validators + " validators tolerates no fault; use at least 4");
    }
    Duration slot = faultCount == 0 ? duration : duration.dividedBy(faultCount);
    if (faultCount > 0 && slot.compareTo(MIN_SLOT) < 0) {
      throw new IllegalArgumentException(
          "--duration "
              + duration.toSeconds()
              + "s is too short for "
              + faultCount
              + " faults: give each at least "
              + MIN_SLOT.toSeconds()
              + "s");
    }
    Random random = new Random(seed);
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < kills; i++) kinds.add(Kind.KILL);
    for (int i = 0; i < partitions; i++) kinds.add(Kind.PARTITION);
    Collections.shuffle(kinds, random);
    long slotMs = slot.toMillis();
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < faultCount; i++) {
      long at = i * slotMs + (long) (random.nextDouble() * slotMs / 4);
      long hold = slotMs / 8 + (long) (random.nextDouble() * slotMs / 8);
      faults.add(
          new Fault(
              kinds.get(i),
              random.nextInt(validators),
              Duration.ofMillis(at),
              Duration.ofMillis(hold)));
    }
    return new ChaosSchedule(seed, faults);
  }

  /** How many faults of {@code kind}. */
  public long count(Kind kind) {
    return faults.stream().filter(f -> f.kind() == kind).count();
  }

  /** The schedule, one fault a line. */
  public String describe() {
    StringBuilder sb = new StringBuilder("schedule (seed " + seed + "):");
    for (Fault f : faults) sb.append("\n  ").append(f);
    if (faults.isEmpty()) sb.append(" no faults");
    return sb.toString();
  }
}

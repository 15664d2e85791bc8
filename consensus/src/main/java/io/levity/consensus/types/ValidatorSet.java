package io.levity.consensus.types;

import io.levity.core.bytes.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The validators of one epoch, with voting power. Quorum is more than two thirds of the total
 * power, so any two quorums share more than a third, which holds at least one honest validator
 * while Byzantine power stays below a third. The validity threshold (more than a third) guarantees
 * at least one honest member.
 */
public final class ValidatorSet {
  /** Upper bound on the set size, which also bounds bitmaps and certificates on the wire. */
  public static final int MAX_VALIDATORS = 4096;

  private final long epoch;
  private final List<Validator> validators;
  private final long totalPower;
  private final LeaderSchedule schedule;

  public ValidatorSet(long epoch, List<Validator> validators) {
    if (validators.isEmpty() || validators.size() > MAX_VALIDATORS) {
      throw new IllegalArgumentException(
          "a validator set needs 1.." + MAX_VALIDATORS + " members, got " + validators.size());
    }
    this.epoch = epoch;
    this.validators = List.copyOf(validators);
    long t = 0;
    for (Validator v : validators) t = Math.addExact(t, v.power());
    if (t > Long.MAX_VALUE / 4)
      throw new IllegalArgumentException("total voting power too large: " + t);
    this.totalPower = t;
    this.schedule = new LeaderSchedule(this.validators);
  }

  public long epoch() {
    return epoch;
  }

  public int size() {
    return validators.size();
  }

  public Validator get(int index) {
    return validators.get(index);
  }

  public List<Validator> validators() {
    return validators;
  }

  public long totalPower() {
    return totalPower;
  }

  /** Smallest power that is more than two thirds of the total. */
  public long quorumPower() {
    return totalPower * 2 / 3 + 1;
  }

  /**
   * Smallest power that is more than a third of the total, so it includes at least one honest
   * validator.
   */
  public long validityPower() {
    return totalPower - quorumPower() + 1;
  }

  public boolean isMember(int index) {
    return index >= 0 && index < validators.size();
  }

  public long powerOf(SignerBitmap signers) {
    long p = 0;
    for (int i : signers.indices()) p += validators.get(i).power();
    return p;
  }

  public List<Bytes> publicKeys(SignerBitmap signers) {
    List<Bytes> keys = new ArrayList<>(signers.count());
    for (int i : signers.indices()) keys.add(validators.get(i).publicKey());
    return keys;
  }

  /** The validator that proposes in a round. */
  public int leader(long round) {
    return schedule.leader(round);
  }
}

package io.levity.compute.serving;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Signature;
import io.levity.core.time.TimeSource;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gate of a provider that serves only signed requests. A request carries five headers:
 *
 * <ul>
 *   <li>{@code X-Levity-User}: the user's address, 0x and 40 hex digits;
 *   <li>{@code X-Levity-Nonce}: a decimal unsigned 64-bit integer, higher than the user's last
 *       (exactly the next one when the replay guard is a market provider's);
 *   <li>{@code X-Levity-Max-Fee}: decimal wei, the most this request may cost;
 *   <li>{@code X-Levity-Deadline}: Unix seconds after which it may not be served;
 *   <li>{@code X-Levity-Signature}: 65 bytes in hex, r || s || v (v 0, 1, 27 or 28), the user's
 *       secp256k1 signature over the digest of {@link ServingRequestTerms} (this provider, the
 *       user, Keccak-256 of the exact body bytes, the max fee, the nonce, the deadline).
 * </ul>
 *
 * The digest is a function port: the inference contract's EIP-712 Request digest fills it. The
 * checks run in this order: all headers present and well formed, the deadline not passed, the
 * signature recovers to the user, the nonce fresh (401 for each), then the balance left after the
 * fees already pending covers the max fee (402); only an admitted nonce is recorded, so a refused
 * request can be signed again with the same nonce.
 */
public final class SignedRequestGate implements RequestGate {
  public static final String USER = "X-Levity-User";
  public static final String NONCE = "X-Levity-Nonce";
  public static final String MAX_FEE = "X-Levity-Max-Fee";
  public static final String DEADLINE = "X-Levity-Deadline";
  public static final String SIGNATURE = "X-Levity-Signature";

  private final Address provider;
  private final Function<ServingRequestTerms, Bytes32> digest;
  private final ReplayGuard nonces;
  private final UserBalances balances;
  private final TimeSource time;
  private final Map<Address, BigInteger> pending = new HashMap<>();

  public SignedRequestGate(
      Address provider,
      Function<ServingRequestTerms, Bytes32> digest,
      ReplayGuard nonces,
      UserBalances balances,
      TimeSource time) {
    this.provider = provider;
    this.digest = digest;
    this.nonces = nonces;
    this.balances = balances;
    this.time = time;
  }

  @Override
  public Decision admit(Function<String, String> header, byte[] body) {
    for (String name : new String[] {USER, NONCE, MAX_FEE, DEADLINE, SIGNATURE}) {
      String v = header.apply(name);
      if (v == null || v.isBlank())
        return unauthorized("unsigned: the header " + name + " is missing");
    }
    Address user;
    long nonce;
    BigInteger maxFee;
    long deadline;
    Signature sig;
    try {
      user = Address.fromHex(header.apply(USER).trim());
      nonce = Long.parseUnsignedLong(header.apply(NONCE).trim());
      maxFee = new BigInteger(header.apply(MAX_FEE).trim());
      deadline = Long.parseLong(header.apply(DEADLINE).trim());
      sig = Signature.fromBytes65(Hex.decode(header.apply(SIGNATURE).trim()));
    } catch (IllegalArgumentException e) {
      return unauthorized("malformed X-Levity headers: " + e.getMessage());
    }
    if (maxFee.signum() < 0 || maxFee.bitLength() > 256)
      return unauthorized("malformed X-Levity headers: the max fee is not a uint256");
    if (time.epochMillis() / 1000 > deadline)
      return unauthorized("expired: the deadline " + deadline + " has passed");
    ServingRequestTerms terms =
        new ServingRequestTerms(provider, user, Keccak.hash(body), maxFee, nonce, deadline);
    Bytes32 signed;
    try {
      signed = digest.apply(terms);
    } catch (IllegalArgumentException e) {
      return unauthorized("malformed request terms: " + e.getMessage());
    }
    Optional<Address> signer =
        sig.inRange() && sig.isLowS()
            ? Secp256k1.recoverAddress(signed.unsafeArray(), sig)
            : Optional.empty();
    if (signer.isEmpty() || !signer.get().equals(user))
      return unauthorized(
          "forged: the signature does not recover to "
              + user.toHex()
              + " over this body and these headers");
    synchronized (this) {
      if (!nonces.fresh(user, nonce))
        return unauthorized(
            "replayed or out of order: nonce "
                + Long.toUnsignedString(nonce)
                + " is not accepted after the last one served, "
                + nonces.highest(user));
      BigInteger left = balances.balance(user).subtract(pending(user));
      if (left.compareTo(maxFee) < 0)
        return new Refusal(
            402,
            "insufficient balance: "
                + left.max(BigInteger.ZERO)
                + " wei left after pending fees, the request allows up to "
                + maxFee);
      nonces.accept(user, nonce);
      pending.merge(user, maxFee, BigInteger::add);
    }
    return new Admission(terms, Bytes.wrap(sig.toBytes65()));
  }

  /**
   * Restores the fees owed on answers served before a restart and not yet settled (the journal's
   * unsettled receipts), so that a restart does not hand the user their balance again.
   */
  public synchronized void restorePending(Iterable<ServingReceipt> unsettled) {
    for (ServingReceipt r : unsettled) adjust(r.response().user(), r.response().fee());
  }

  /** What {@code user} owes on answers served and not yet settled, holds included. */
  public synchronized BigInteger pending(Address user) {
    return pending.getOrDefault(user, BigInteger.ZERO);
  }

  @Override
  public synchronized void charged(Admission admission, BigInteger fee) {
    if (fee.compareTo(admission.maxFee()) > 0)
      throw new IllegalArgumentException("a fee of " + fee + " is above the max fee");
    adjust(admission.user(), fee.subtract(admission.maxFee()));
  }

  @Override
  public synchronized void released(Admission admission) {
    adjust(admission.user(), admission.maxFee().negate());
  }

  /** Fees of {@code user} settled on chain: the ledger balance has dropped by {@code amount}. */
  public synchronized void settledOnChain(Address user, BigInteger amount) {
    adjust(user, amount.negate());
  }

  private void adjust(Address user, BigInteger delta) {
    BigInteger next = pending(user).add(delta).max(BigInteger.ZERO);
    if (next.signum() == 0) pending.remove(user);
    else pending.put(user, next);
  }

  private static Refusal unauthorized(String reason) {
    return new Refusal(401, reason);
  }
}

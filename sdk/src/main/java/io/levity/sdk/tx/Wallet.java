package io.levity.sdk.tx;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.tx.TransactionSigner;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.CallRequest;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.RpcProtocolException;
import io.levity.sdk.rpc.TxReceipt;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One key's transactions against one node: fills a {@link TxRequest} with what the node knows
 * (chain id, fees, a gas estimate plus a margin), takes a nonce from the {@link NonceManager},
 * signs and sends. Sends are serialised per wallet (waiting for receipts is not), so a wallet never
 * opens a nonce gap by itself.
 *
 * <p>Outcomes of a send: accepted (the nonce is used); refused by the node (a {@link
 * RpcErrorException}: the nonce is released); the nonce was taken by another client of the same key
 * (the wallet asks the node again and retries with the next nonce, up to {@value #NONCE_RETRIES}
 * times); or no usable answer (the node may have the transaction: its nonce stays used, and the
 * transaction is kept "in doubt"). Before its next send the wallet re-submits every transaction in
 * doubt (the same bytes; with fresh fees at the same nonce if the node now refuses them), so a
 * transaction lost on the way cannot leave a nonce gap that stalls every later one.
 */
public final class Wallet {
  /** Gas estimate margin unless configured: a quarter more than the node's estimate. */
  public static final int DEFAULT_GAS_MARGIN_PERCENT = 25;

  static final int NONCE_RETRIES = 3;

  private final EthRpc rpc;
  private final TransactionSigner signer;
  private final NonceManager nonces;
  private final int gasMarginPercent;
  private volatile long chainId = -1;

  /** Sent without a usable answer, by nonce; settled before the next send. */
  private final TreeMap<Long, InDoubt> inDoubt = new TreeMap<>();

  private record InDoubt(TxRequest filled, SignedTx tx) {}

  /** A wallet whose nonces follow the node's pending count (asked before every send). */
  public Wallet(EthRpc rpc, Secp256k1.KeyPair key) {
    this(
        rpc,
        key,
        NonceManager.inMemory(
            a -> rpc.getTransactionCount(a, BlockTag.PENDING),
            NonceManager.Refresh.EVERY_RESERVATION),
        DEFAULT_GAS_MARGIN_PERCENT);
  }

  public Wallet(EthRpc rpc, Secp256k1.KeyPair key, NonceManager nonces, int gasMarginPercent) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.signer = new TransactionSigner(key);
    this.nonces = Objects.requireNonNull(nonces, "nonces");
    if (gasMarginPercent < 0) throw new IllegalArgumentException("negative gas margin");
    this.gasMarginPercent = gasMarginPercent;
  }

  public Address address() {
    return signer.address();
  }

  public EthRpc rpc() {
    return rpc;
  }

  public NonceManager nonces() {
    return nonces;
  }

  /** The node's chain id, asked once. */
  public long chainId() {
    long id = chainId;
    if (id < 0) chainId = id = rpc.chainId();
    return id;
  }

  /** The node's gas estimate for {@code req} from this wallet, plus the margin. */
  public long estimateGas(TxRequest req) {
    CallRequest call =
        new CallRequest(
            Optional.of(address()), req.to(), req.data(), req.value(), OptionalLong.empty());
    long estimate = rpc.estimateGas(call);
    return Math.addExact(estimate, estimate * gasMarginPercent / 100);
  }

  /**
   * Fees the node suggests now: its gas price for a legacy transaction, else {@link
   * Fees#forBaseFee} of the latest base fee and the suggested tip.
   */
  public Fees suggestFees(boolean legacy) {
    if (legacy) return Fees.gasPrice(rpc.gasPrice());
    return Fees.forBaseFee(rpc.latestBaseFee(), rpc.maxPriorityFeePerGas());
  }

  /** {@code req} with every field filled in and signed, without a nonce of the manager's. */
  public SignedTx sign(TxRequest req, long nonce) {
    long gas = req.gasLimit().isPresent() ? req.gasLimit().getAsLong() : estimateGas(req);
    Fees fees = req.fees().orElseGet(() -> suggestFees(req.isLegacy()));
    return SignedTx.of(signer.sign(req.draft(chainId(), nonce, gas, fees)));
  }

  /**
   * Fills in, signs and sends {@code req}; returns the transaction the node accepted. A revert
   * during gas estimation is a {@link RpcErrorException} with {@link RpcErrorException#isRevert()}
   * (nothing is sent then).
   */
  public synchronized SignedTx send(TxRequest req) {
    settleInDoubt();
    long gas = req.gasLimit().isPresent() ? req.gasLimit().getAsLong() : estimateGas(req);
    TxRequest filled =
        req.withGasLimit(gas).withFees(req.fees().orElseGet(() -> suggestFees(req.isLegacy())));
    if (req.nonce().isPresent()) {
      SignedTx tx = sign(filled, req.nonce().getAsLong());
      submit(tx);
      return tx;
    }
    for (int attempt = 0; ; attempt++) {
      long nonce = nonces.reserve(address());
      SignedTx tx;
      try {
        tx = sign(filled, nonce);
      } catch (RuntimeException e) {
        nonces.release(address(), nonce);
        throw e;
      }
      try {
        submit(tx);
        nonces.markUsed(address(), nonce);
        return tx;
      } catch (RpcErrorException e) {
        if (!nonceTaken(e)) {
          nonces.release(address(), nonce);
          throw e;
        }
        nonces.markUsed(address(), nonce); // someone else's transaction holds it
        if (attempt >= NONCE_RETRIES) throw e;
        nonces.resync(address());
      } catch (RuntimeException e) {
        nonces.markUsed(address(), nonce); // no usable answer: the node may have it
        inDoubt.put(nonce, new InDoubt(filled, tx));
        throw e;
      }
    }
  }

  /** Nonces of transactions sent without a usable answer and not yet settled. */
  public synchronized SortedSet<Long> inDoubt() {
    return new TreeSet<>(inDoubt.keySet());
  }

  /**
   * Re-submits every transaction in doubt, lowest nonce first: accepted, already known or already
   * mined settles it; a refusal (fees moved on, say) is answered by the same request at the same
   * nonce with fresh fees. A transport failure leaves them in doubt and propagates.
   *
   * @throws RpcErrorException when a lost transaction cannot be placed again: later transactions
   *     would wait behind its nonce, so the wallet says so instead of sending more
   */
  public synchronized void settleInDoubt() {
    while (!inDoubt.isEmpty()) {
      Map.Entry<Long, InDoubt> e = inDoubt.firstEntry();
      InDoubt d = e.getValue();
      try {
        resend(d.tx());
      } catch (RpcErrorException refused) {
        TxRequest refreshed = d.filled().withFees(suggestFees(d.filled().isLegacy()));
        submit(sign(refreshed, e.getKey()));
      }
      inDoubt.remove(e.getKey());
    }
  }

  /**
   * Sends {@code req} and waits for its receipt.
   *
   * @throws TransactionFailedException when it was mined but failed (status 0)
   * @throws ReceiptWaitException when it was not mined in time
   */
  public TxReceipt sendAndWait(TxRequest req, ReceiptWaiter waiter) {
    SignedTx tx = send(req);
    TxReceipt r = waiter.await(tx.hash());
    if (!r.succeeded()) throw new TransactionFailedException(r, tx.transaction().gasLimit());
    return r;
  }

  /**
   * Sends the same signed bytes again (after a send without a usable answer): the node already
   * having them, or having mined them, counts as success.
   */
  public void resend(SignedTx tx) {
    try {
      submit(tx);
    } catch (RpcErrorException e) {
      String m = e.rpcMessage().toLowerCase(Locale.ROOT);
      if (!m.contains("nonce too low")) throw e;
    }
  }

  private void submit(SignedTx tx) {
    Bytes32 reported;
    try {
      reported = rpc.sendRawTransaction(tx.raw());
    } catch (RpcErrorException e) {
      if (isAlreadyKnown(e)) return;
      throw e;
    }
    if (!reported.equals(tx.hash())) {
      throw new RpcProtocolException(
          "eth_sendRawTransaction",
          RpcProtocolException.NO_STATUS,
          "the node reported hash " + reported + " for transaction " + tx.hash());
    }
  }

  private static boolean isAlreadyKnown(RpcErrorException e) {
    String m = e.rpcMessage().toLowerCase(Locale.ROOT);
    return m.contains("already known") || m.contains("known transaction");
  }

  private static boolean nonceTaken(RpcErrorException e) {
    String m = e.rpcMessage().toLowerCase(Locale.ROOT);
    return m.contains("nonce too low") || m.contains("replacement transaction underpriced");
  }
}

package io.levity.compute.provider;

import io.levity.compute.inference.BatchBundle;
import io.levity.compute.inference.InferenceMarketClient;
import io.levity.compute.inference.InferenceMarketException;
import io.levity.compute.inference.InferenceReceipt;
import io.levity.compute.inference.MarketEvents;
import io.levity.compute.inference.MarketState;
import io.levity.compute.inference.ReceiptBatch;
import io.levity.compute.models.ContentStore;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.time.Scheduler;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.client.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a provider's journaled receipts on the market. Every period it batches the receipts the
 * market has not settled yet (per user, the run of nonces after the sub-account's settled nonce),
 * submits the batch (the fees move from the users' sub-accounts into the batch's escrow, and the
 * gate stops counting them as pending), then finalizes the batches whose challenge window has
 * closed, which pays the escrow to the provider's balance. What is unsettled is read from the chain
 * each round, so a restart resubmits nothing. Before submitting, the batch's {@link BatchBundle} is
 * written durably to the {@link BundleStore}, and again with the batch id once the submission is
 * confirmed; the first round after a restart reloads the submitted batches still pending from those
 * bundles (finding the id of one whose confirmation the crash cut off among the market's
 * BatchSubmitted events) and keeps finalizing them.
 */
public final class SettlementLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SettlementLoop.class);

  /** The most receipts one batch carries (the contract allows 65,536; calldata grows per user). */
  public static final int MAX_BATCH = 4096;

  /** What one round did: the batch submitted (if any), its receipts and fees, batches paid. */
  public record Round(
      Optional<BigInteger> submitted, int receipts, BigInteger fees, List<BigInteger> finalized) {}

  private final InferenceMarketClient market;
  private final Wallet provider;
  private final ReceiptJournal journal;
  private final SignedRequestGate gate;
  private final Scheduler scheduler;
  private final Duration challengeWindow;
  private final BundleStore bundles;
  private final List<BigInteger> pending = new ArrayList<>();
  private boolean recovered;
  private volatile ContentStore publish;
  private Scheduler.Cancellable task;

  public SettlementLoop(
      InferenceMarketClient market,
      Wallet provider,
      ReceiptJournal journal,
      SignedRequestGate gate,
      Scheduler scheduler,
      Duration challengeWindow,
      BundleStore bundles) {
    this.market = market;
    this.provider = provider;
    this.journal = journal;
    this.gate = gate;
    this.scheduler = scheduler;
    this.challengeWindow = challengeWindow;
    this.bundles = bundles;
  }

  /**
   * Also uploads each submitted batch's bundle to {@code store} (in the background, on the
   * scheduler) and logs its storage root, so the bundle stays reachable if this provider stops
   * serving it.
   */
  public void publishTo(ContentStore store) {
    this.publish = store;
  }

  /** Runs a round every {@code period} on the scheduler until closed. */
  public synchronized void start(Duration period) {
    if (task != null) throw new IllegalStateException("already started");
    task = scheduler.scheduleRepeating(period.toMillis(), this::roundLogged);
  }

  private void roundLogged() {
    try {
      Round r = round();
      if (r.submitted().isPresent() || !r.finalized().isEmpty())
        LOG.info(
            "settlement: batch {} of {} receipts ({} wei), finalized {}",
            r.submitted().map(BigInteger::toString).orElse("none"),
            r.receipts(),
            r.fees(),
            r.finalized());
    } catch (RuntimeException e) {
      LOG.warn("settlement round failed, retrying next period: {}", e.toString());
    }
  }

  /** One round: submits what is unsettled, then finalizes what has matured. */
  public synchronized Round round() {
    if (!recovered) recover();
    List<ServingReceipt> served = unsettledReceipts();
    Optional<ReceiptBatch> batch = Optional.empty();
    Optional<BigInteger> id = Optional.empty();
    if (!served.isEmpty()) {
      List<InferenceReceipt> receipts = new ArrayList<>();
      for (ServingReceipt r : served) receipts.add(receipt(r));
      batch = Optional.of(ReceiptBatch.of(receipts));
      BatchBundle bundle = bundle(batch.get(), served);
      save(bundle);
      id = Optional.of(market.submitBatch(provider, batch.get()));
      BatchBundle submitted = bundle.withBatchId(id.get().longValueExact());
      save(submitted);
      if (publish != null) scheduler.execute(() -> upload(publish, submitted));
      pending.add(id.get());
      for (ReceiptBatch.UserTotal t : batch.get().totals())
        gate.settledOnChain(t.user(), t.total());
    }
    return new Round(
        id,
        batch.map(ReceiptBatch::size).orElse(0),
        batch.map(ReceiptBatch::total).orElse(BigInteger.ZERO),
        finalizeMatured());
  }

  /** The batch of journaled receipts the market has not settled, or empty when there are none. */
  public Optional<ReceiptBatch> unsettled() {
    List<InferenceReceipt> out = new ArrayList<>();
    for (ServingReceipt r : unsettledReceipts()) out.add(receipt(r));
    return out.isEmpty() ? Optional.empty() : Optional.of(ReceiptBatch.of(out));
  }

  /**
   * The journaled receipts the market has not settled, at most {@link #MAX_BATCH}: per user, the
   * run of consecutive nonces after the sub-account's settled nonce.
   */
  public List<ServingReceipt> unsettledReceipts() {
    Address me = provider.address();
    Map<Address, List<ServingReceipt>> byUser = new LinkedHashMap<>();
    for (ServingReceipt r : journal.receipts())
      if (r.request().provider().equals(me))
        byUser.computeIfAbsent(r.request().user(), u -> new ArrayList<>()).add(r);
    List<ServingReceipt> out = new ArrayList<>();
    for (Map.Entry<Address, List<ServingReceipt>> e : byUser.entrySet()) {
      long next = market.subAccount(e.getKey(), me).settledNonce() + 1;
      List<ServingReceipt> mine = new ArrayList<>(e.getValue());
      mine.sort(Comparator.comparingLong(r -> r.request().nonce()));
      for (ServingReceipt r : mine) {
        if (out.size() == MAX_BATCH) break;
        if (r.request().nonce() < next) continue;
        if (r.request().nonce() != next) break;
        out.add(r);
        next++;
      }
    }
    return out;
  }

  /**
   * Reloads the batches a previous run submitted that are still pending, from the bundle store. A
   * bundle without an id was saved before a submission whose outcome the previous run never saw:
   * the market's BatchSubmitted events say whether it landed (then the id is recorded); otherwise
   * the bundle is dropped, and its receipts, still unsettled, go into the next batch.
   */
  public synchronized void recover() {
    recovered = true;
    try {
      for (BatchBundle b : bundles.all()) {
        long id = b.batchId();
        if (id == 0) {
          Optional<Long> found =
              new MarketEvents(market)
                  .submitted(0, provider.address()).stream()
                      .filter(e -> e.root().equals(b.root()))
                      .map(MarketEvents.Submitted::batchId)
                      .findFirst();
          if (found.isEmpty()) {
            bundles.delete(b.root());
            continue;
          }
          id = found.get();
          bundles.save(b.withBatchId(id));
        }
        BigInteger bid = BigInteger.valueOf(id);
        if (market.batch(bid).status() == MarketState.BatchStatus.PENDING && !pending.contains(bid))
          pending.add(bid);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the batch bundles in " + bundles.dir(), e);
    }
    if (!pending.isEmpty()) LOG.info("settlement: resumed pending batches {}", pending);
  }

  private BatchBundle bundle(ReceiptBatch batch, List<ServingReceipt> served) {
    Map<String, ReceiptJournal.Bodies> bodies = new LinkedHashMap<>();
    for (ServingReceipt r : served)
      journal
          .bodies(r)
          .ifPresent(b -> bodies.put(r.request().user() + "/" + r.request().nonce(), b));
    List<Bytes> requests = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (InferenceReceipt r : batch.receipts()) {
      ReceiptJournal.Bodies b = bodies.get(r.user() + "/" + r.nonce());
      // a receipt journaled before bodies were kept: its leaf is in the bundle, its body is not
      requests.add(b == null ? Bytes.EMPTY : b.request());
      texts.add(b == null ? null : b.response());
    }
    return BatchBundle.of(batch, requests, texts);
  }

  private void upload(ContentStore store, BatchBundle b) {
    try {
      Bytes32 root = store.put(bundles.file(b.root()), ProgressListener.NONE);
      LOG.info("batch {}: bundle uploaded to storage, root {}", b.batchId(), root);
    } catch (IOException | RuntimeException e) {
      LOG.warn("batch {}: bundle not uploaded to storage: {}", b.batchId(), e.toString());
    }
  }

  private void save(BatchBundle b) {
    try {
      bundles.save(b);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the bundle of batch " + b.root(), e);
    }
  }

  /** The market's receipt for a journaled one. */
  public static InferenceReceipt receipt(ServingReceipt r) {
    return new InferenceReceipt(
        MarketRequestDigest.request(r.request()),
        MarketResponseDigest.response(r.response()),
        r.userSignature(),
        r.providerSignature());
  }

  /** The batches this loop submitted and still holds as pending. */
  public synchronized List<BigInteger> pending() {
    return List.copyOf(pending);
  }

  private List<BigInteger> finalizeMatured() {
    if (pending.isEmpty()) return List.of();
    // the window is measured in block time, which need not follow this machine's clock
    long now =
        market
            .rpc()
            .getBlockByNumber(BlockTag.LATEST)
            .map(EthBlock::timestamp)
            .orElseThrow(() -> new IllegalStateException("the node returned no latest block"));
    List<BigInteger> paid = new ArrayList<>();
    for (BigInteger id : List.copyOf(pending)) {
      MarketState.Batch b = market.batch(id);
      if (b.status() != MarketState.BatchStatus.PENDING) {
        pending.remove(id);
        continue;
      }
      if (now < b.submittedAt() + challengeWindow.toSeconds() || b.openDisputes() > 0) continue;
      try {
        market.finalize(provider, id);
        pending.remove(id);
        paid.add(id);
      } catch (InferenceMarketException e) {
        LOG.info("batch {} not finalized yet: {}", id, e.getMessage());
      }
    }
    return paid;
  }

  @Override
  public synchronized void close() {
    if (task != null) task.cancel();
  }
}

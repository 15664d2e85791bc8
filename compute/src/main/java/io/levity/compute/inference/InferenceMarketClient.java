package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.num.UInt256;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads and writes an InferenceMarket contract: the registry (providers, auditors), the ledger
 * (deposits, sub-accounts, refunds), settlement and disputes. A reverted call throws {@link
 * InferenceMarketException} naming the contract's custom error.
 */
public final class InferenceMarketClient {
  /**
   * What a challenge did: voided the batch at once (a fault checkable on chain), or opened a
   * dispute for the auditors.
   */
  public record ChallengeOutcome(Optional<MarketFault> fault, Optional<BigInteger> disputeId) {}

  private final EthRpc rpc;
  private final Contract contract;
  private final ReceiptWaiter receipts;

  public InferenceMarketClient(EthRpc rpc, Address market, Duration receiptTimeout) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.contract = new Contract(rpc, market);
    this.receipts = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(50));
  }

  /** Deploys a market with {@code parameters} from {@code wallet} (as the devnet does). */
  public static Address deploy(Wallet wallet, MarketParameters parameters, Duration timeout) {
    ReceiptWaiter waiter = ReceiptWaiter.of(wallet.rpc(), timeout, Duration.ofMillis(50));
    TxReceipt r =
        wallet.sendAndWait(
            TxRequest.deploy(InferenceMarketContract.deployment(parameters)), waiter);
    return r.contractAddress()
        .orElseThrow(
            () -> new InferenceMarketException("the deployment receipt names no contract"));
  }

  public Address address() {
    return contract.address();
  }

  /** The EIP-712 domain requests and responses for this market are signed in. */
  public InferenceTypedData.Domain domain() {
    return new InferenceTypedData.Domain(rpc.chainId(), contract.address());
  }

  // ---- registry ----

  public void register(Wallet provider, InferenceService service, BigInteger stake) {
    send(provider, stake, InferenceMarketContract.REGISTER, service.abiValue());
  }

  public void update(Wallet provider, InferenceService service) {
    send(provider, BigInteger.ZERO, InferenceMarketContract.UPDATE, service.abiValue());
  }

  public void addStake(Wallet provider, BigInteger amount) {
    send(provider, amount, InferenceMarketContract.ADD_STAKE);
  }

  public void unbond(Wallet provider) {
    send(provider, BigInteger.ZERO, InferenceMarketContract.UNBOND);
  }

  public void withdrawStake(Wallet provider) {
    send(provider, BigInteger.ZERO, InferenceMarketContract.WITHDRAW_STAKE);
  }

  /** The provider's record, or empty when it has not registered. */
  public Optional<MarketState.Provider> provider(Address provider) {
    MarketState.Provider p =
        MarketState.Provider.fromAbi(read(InferenceMarketContract.SERVICE, provider).tuple(0));
    return p.service().signer().equals(Address.ZERO) ? Optional.empty() : Optional.of(p);
  }

  public void registerAuditor(Wallet auditor, BigInteger stake) {
    send(auditor, stake, InferenceMarketContract.REGISTER_AUDITOR);
  }

  public void unregisterAuditor(Wallet auditor) {
    send(auditor, BigInteger.ZERO, InferenceMarketContract.UNREGISTER_AUDITOR);
  }

  public BigInteger auditorStake(Address auditor) {
    return read(InferenceMarketContract.AUDITOR_STAKE, auditor).bigInteger(0);
  }

  // ---- ledger ----

  public void deposit(Wallet user, BigInteger amount) {
    send(user, amount, InferenceMarketContract.DEPOSIT);
  }

  public void withdraw(Wallet account, BigInteger amount) {
    send(account, BigInteger.ZERO, InferenceMarketContract.WITHDRAW, amount);
  }

  public void fund(Wallet user, Address provider, BigInteger amount) {
    send(user, BigInteger.ZERO, InferenceMarketContract.FUND, provider, amount);
  }

  public void requestRefund(Wallet user, Address provider, BigInteger amount) {
    send(user, BigInteger.ZERO, InferenceMarketContract.REQUEST_REFUND, provider, amount);
  }

  public void claimRefund(Wallet user, Address provider) {
    send(user, BigInteger.ZERO, InferenceMarketContract.CLAIM_REFUND, provider);
  }

  /** What {@code account} can withdraw (deposits not yet funded, payments, bonds, rewards). */
  public BigInteger balanceOf(Address account) {
    return read(InferenceMarketContract.BALANCE_OF, account).bigInteger(0);
  }

  public MarketState.SubAccount subAccount(Address user, Address provider) {
    return MarketState.SubAccount.fromAbi(
        read(InferenceMarketContract.SUB_ACCOUNT, user, provider).tuple(0));
  }

  // ---- settlement ----

  /** Submits {@code batch}; returns its id. */
  public BigInteger submitBatch(Wallet provider, ReceiptBatch batch) {
    List<Object> totals = new ArrayList<>();
    for (ReceiptBatch.UserTotal t : batch.totals()) totals.add(t.abiValue());
    TxReceipt r =
        send(
            provider,
            BigInteger.ZERO,
            InferenceMarketContract.SUBMIT_BATCH,
            batch.root(),
            batch.size(),
            totals);
    return event(r, InferenceMarketContract.BATCH_SUBMITTED)
        .orElseThrow(() -> new InferenceMarketException("no BatchSubmitted event"))
        .bigInteger(0);
  }

  /** Pays a batch whose window closed with no dispute open. */
  public void finalize(Wallet anyone, BigInteger batchId) {
    send(anyone, BigInteger.ZERO, InferenceMarketContract.FINALIZE, batchId);
  }

  /** Returns the caller's escrowed total from a voided batch to its balance. */
  public void reclaim(Wallet user, BigInteger batchId) {
    send(user, BigInteger.ZERO, InferenceMarketContract.RECLAIM, batchId);
  }

  public MarketState.Batch batch(BigInteger batchId) {
    return MarketState.Batch.fromAbi(read(InferenceMarketContract.BATCH, batchId).tuple(0));
  }

  // ---- disputes ----

  /** Challenges one leaf, paying {@code bond} (the market's challengeBond). */
  public ChallengeOutcome challenge(
      Wallet challenger, BigInteger batchId, ReceiptBatch.LeafProof leaf, BigInteger bond) {
    TxReceipt r =
        send(challenger, bond, InferenceMarketContract.CHALLENGE, batchId, leaf.abiValue());
    Optional<AbiValues> voided = event(r, InferenceMarketContract.BATCH_VOIDED);
    if (voided.isPresent())
      return new ChallengeOutcome(
          Optional.of(MarketFault.of((int) voided.get().longValue(2))), Optional.empty());
    return new ChallengeOutcome(
        Optional.empty(), event(r, InferenceMarketContract.CHALLENGED).map(v -> v.bigInteger(0)));
  }

  /**
   * Challenges two leaves of one user: the same nonce twice, or consecutive nonces ({@code a} then
   * {@code b}) whose running totals do not add up. Returns the fault the batch was voided for.
   */
  public MarketFault challengePair(
      Wallet challenger,
      BigInteger batchId,
      ReceiptBatch.LeafProof a,
      ReceiptBatch.LeafProof b,
      BigInteger bond) {
    TxReceipt r =
        send(
            challenger,
            bond,
            InferenceMarketContract.CHALLENGE_PAIR,
            batchId,
            a.abiValue(),
            b.abiValue());
    return event(r, InferenceMarketContract.BATCH_VOIDED)
        .map(v -> MarketFault.of((int) v.longValue(2)))
        .orElseThrow(() -> new InferenceMarketException("no BatchVoided event"));
  }

  /** An auditor's vote: {@code wrong} when re-execution did not reproduce the response hash. */
  public void vote(Wallet auditor, BigInteger disputeId, boolean wrong) {
    send(auditor, BigInteger.ZERO, InferenceMarketContract.VOTE, disputeId, wrong);
  }

  /** Closes a dispute whose vote ended without the threshold, or whose batch was voided. */
  public void resolve(Wallet anyone, BigInteger disputeId) {
    send(anyone, BigInteger.ZERO, InferenceMarketContract.RESOLVE, disputeId);
  }

  public MarketState.Dispute dispute(BigInteger disputeId) {
    return MarketState.Dispute.fromAbi(read(InferenceMarketContract.DISPUTE, disputeId).tuple(0));
  }

  /** The share of receipts (basis points) auditors are asked to re-execute. */
  public int sampleRateBps() {
    return parameter("sampleRateBps").intValueExact();
  }

  /** A market parameter by its getter's name ({@code challengeBond}, {@code threshold}...). */
  public BigInteger parameter(String name) {
    AbiFunction f =
        InferenceMarketContract.PARAMETERS.stream()
            .filter(p -> p.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no market parameter " + name));
    return read(f).bigInteger(0);
  }

  /** Whether leaf {@code index} of batch {@code batchId} was challenged already. */
  public boolean leafChallenged(BigInteger batchId, int index) {
    return read(InferenceMarketContract.LEAF_CHALLENGED, batchId, BigInteger.valueOf(index))
        .bool(0);
  }

  /** Whether {@code auditor} voted on dispute {@code disputeId}. */
  public boolean hasVoted(BigInteger disputeId, Address auditor) {
    return read(InferenceMarketContract.HAS_VOTED, disputeId, auditor).bool(0);
  }

  public EthRpc rpc() {
    return rpc;
  }

  private TxReceipt send(Wallet from, BigInteger value, AbiFunction f, Object... args) {
    Bytes data = f.encodeCall(args);
    TxRequest tx = TxRequest.call(contract.address(), data);
    if (value.signum() > 0) tx = tx.withValue(UInt256.valueOf(value));
    try {
      return from.sendAndWait(tx, receipts);
    } catch (RpcErrorException e) {
      if (!e.isRevert()) throw e;
      throw new InferenceMarketException(f.name() + " reverted: " + describe(e), e);
    }
  }

  private AbiValues read(AbiFunction f, Object... args) {
    Supplier<AbiValues> call = () -> contract.call(f, args);
    try {
      return call.get();
    } catch (RpcErrorException e) {
      if (!e.isRevert()) throw e;
      throw new InferenceMarketException(f.name() + ": " + describe(e), e);
    }
  }

  private static String describe(RpcErrorException e) {
    return e.revertData().map(InferenceMarketContract.ERRORS::describe).orElse(e.rpcMessage());
  }

  private Optional<AbiValues> event(TxReceipt r, AbiEvent event) {
    for (EthLog log : r.logs())
      if (log.address().equals(contract.address())
          && !log.topics().isEmpty()
          && log.topics().get(0).equals(event.topic()))
        return Optional.of(event.decode(log.topics(), log.data()));
    return Optional.empty();
  }
}

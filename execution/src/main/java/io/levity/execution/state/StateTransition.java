package io.levity.execution.state;

import static io.levity.core.tx.TransactionError.GAS_ALLOWANCE_EXCEEDED;
import static io.levity.core.tx.TransactionError.INSUFFICIENT_ACCOUNT_FUNDS;
import static io.levity.core.tx.TransactionError.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS;
import static io.levity.core.tx.TransactionError.INSUFFICIENT_MAX_FEE_PER_GAS;
import static io.levity.core.tx.TransactionError.NONCE_MISMATCH_TOO_HIGH;
import static io.levity.core.tx.TransactionError.NONCE_MISMATCH_TOO_LOW;
import static io.levity.core.tx.TransactionError.SENDER_NOT_EOA;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.InvalidTransactionException;
import io.levity.core.tx.Transaction;
import io.levity.evm.BlockContext;
import io.levity.evm.CallMessage;
import io.levity.evm.ContractAddress;
import io.levity.evm.Evm;
import io.levity.evm.ExecutionResult;
import io.levity.evm.TxContext;
import io.levity.evm.WorldView;
import io.levity.evm.fork.EvmSpec;
import io.levity.evm.trace.Tracer;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.tx.TransactionValidator;
import io.levity.execution.tx.ValidatedTransaction;
import java.util.List;
import java.util.Objects;

/**
 * Applies one transaction to a {@link WorldView}: checks it, buys its gas, runs its message in the
 * EVM, refunds the sender, pays the block's coinbase and removes the accounts the transaction
 * emptied or destroyed. A block executor calls it once per transaction with the gas the block has
 * left.
 *
 * <p>Checks, in order (the first broken rule is the one reported): the stateless rules of {@link
 * TransactionValidator} (type, chain id, signature, EIP-2681 nonce limit, priority fee not above
 * max fee, gas limit * max fee in 256 bits, intrinsic gas, EIP-3860 initcode size, EIP-4844 blob
 * count and version); then against state and block: nonce equals the account nonce, the sender has
 * no code (EIP-3607), gas limit within the block's remaining gas, max fee per gas at least the base
 * fee, max fee per blob gas at least the blob base fee, and a balance covering gasLimit *
 * maxFeePerGas + value + blobGas * maxFeePerBlobGas. A rejected transaction leaves the world
 * untouched.
 *
 * <p>The world must report {@link WorldView#originalStorage} as of the start of this transaction
 * (EIP-2200): with an {@link io.levity.evm.InMemoryWorld}, call {@code beginTransaction()} before
 * each transaction.
 *
 * <p>Not thread-safe (the EVM keeps scratch buffers): use one instance per thread.
 */
public final class StateTransition {
  private final Fork fork;
  private final TransactionValidator validator;
  private final Evm evm;
  private boolean eoaSenderRequired = true;

  /**
   * @param fork the fork whose rules apply, transaction rules and EVM alike; it must have an EVM
   *     spec (Shanghai and later)
   * @param chainId the chain the transactions must be signed for; CHAINID reads the block context's
   *     value
   * @throws IllegalArgumentException for a fork before Shanghai, which Levity's EVM does not run
   */
  public StateTransition(Fork fork, long chainId) {
    this.fork = Objects.requireNonNull(fork, "fork");
    this.validator = new TransactionValidator(fork, chainId);
    EvmSpec spec =
        fork.evmSpec()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Levity's EVM runs Shanghai and later; "
                            + fork.fixtureName()
                            + " has transaction rules only"));
    this.evm = new Evm(spec);
  }

  /**
   * For eth_call and eth_estimateGas only: lets a sender that has code through (EIP-3607 guards
   * real transactions, which such a sender could never sign; simulated calls "from" a contract are
   * common and go-ethereum allows them).
   */
  public StateTransition forSimulatedCalls() {
    eoaSenderRequired = false;
    return this;
  }

  public Fork fork() {
    return fork;
  }

  public long chainId() {
    return validator.chainId();
  }

  /**
   * Applies a transaction as the only one of its block (the whole block gas limit is available),
   * untraced.
   */
  public TransactionResult apply(WorldView world, BlockContext block, Transaction tx) {
    return apply(world, block, tx, block.gasLimit(), null);
  }

  /**
   * Validates the transaction (recovering its sender) and applies it.
   *
   * @param gasAvailable the block's gas limit minus the gas its earlier transactions used
   *     (unsigned)
   * @param tracer null for none
   */
  public TransactionResult apply(
      WorldView world, BlockContext block, Transaction tx, long gasAvailable, Tracer tracer) {
    ValidatedTransaction v;
    try {
      v = validator.validate(tx);
    } catch (InvalidTransactionException e) {
      return Rejected.of(e);
    }
    return apply(world, block, v, gasAvailable, tracer);
  }

  /**
   * Applies a transaction that already passed {@link TransactionValidator} for this fork and chain
   * (a mempool validates on arrival): only the checks against state and block run here.
   */
  public TransactionResult apply(
      WorldView world,
      BlockContext block,
      ValidatedTransaction v,
      long gasAvailable,
      Tracer tracer) {
    Rejected rejected = checkAgainstState(world, block, v, gasAvailable, eoaSenderRequired);
    if (rejected != null) return rejected;
    return execute(world, block, v, tracer);
  }

  private static Rejected checkAgainstState(
      WorldView world,
      BlockContext block,
      ValidatedTransaction v,
      long gasAvailable,
      boolean eoaSenderRequired) {
    Transaction tx = v.transaction();
    Address sender = v.sender();
    long accountNonce = world.nonce(sender);
    if (tx.nonce() != accountNonce) {
      boolean low = Long.compareUnsigned(tx.nonce(), accountNonce) < 0;
      return new Rejected(
          low ? NONCE_MISMATCH_TOO_LOW : NONCE_MISMATCH_TOO_HIGH,
          "nonce "
              + Long.toUnsignedString(tx.nonce())
              + ", the sender's account nonce is "
              + Long.toUnsignedString(accountNonce));
    }
    Bytes32 codeHash = world.codeHash(sender);
    if (eoaSenderRequired && !codeHash.equals(Keccak.EMPTY_HASH)) {
      return new Rejected(
          SENDER_NOT_EOA, "sender " + sender + " has code (code hash " + codeHash + "; EIP-3607)");
    }
    // A gas limit of 2^63 or more exceeds every block's; rejecting it here keeps gas arithmetic in
    // signed longs.
    if (tx.gasLimit() < 0 || Long.compareUnsigned(tx.gasLimit(), gasAvailable) > 0) {
      return new Rejected(
          GAS_ALLOWANCE_EXCEEDED,
          "gas limit "
              + Long.toUnsignedString(tx.gasLimit())
              + " exceeds the "
              + Long.toUnsignedString(gasAvailable)
              + " gas the block has left");
    }
    if (tx.maxFeePerGas().compareTo(block.baseFee()) < 0) {
      return new Rejected(
          INSUFFICIENT_MAX_FEE_PER_GAS,
          "max fee per gas " + tx.maxFeePerGas() + " is below the base fee " + block.baseFee());
    }
    UInt256 maxCost = unsigned(tx.gasLimit()).multiplyExact(tx.maxFeePerGas());
    if (maxCost != null) maxCost = maxCost.addExact(tx.value());
    if (tx instanceof BlobTransaction blob) {
      if (blob.maxFeePerBlobGas().compareTo(block.blobBaseFee()) < 0) {
        return new Rejected(
            INSUFFICIENT_MAX_FEE_PER_BLOB_GAS,
            "max fee per blob gas "
                + blob.maxFeePerBlobGas()
                + " is below the blob base fee "
                + block.blobBaseFee());
      }
      UInt256 maxBlobCost = unsigned(blob.blobGas()).multiplyExact(blob.maxFeePerBlobGas());
      maxCost = maxCost == null || maxBlobCost == null ? null : maxCost.addExact(maxBlobCost);
    }
    UInt256 balance = world.balance(sender);
    if (maxCost == null || balance.compareTo(maxCost) < 0) {
      return new Rejected(
          INSUFFICIENT_ACCOUNT_FUNDS,
          "balance "
              + balance
              + " is below the most the transaction"
              + " can cost, "
              + (maxCost == null ? "more than 2^256" : maxCost.toString()));
    }
    return null;
  }

  private Executed execute(
      WorldView world, BlockContext block, ValidatedTransaction v, Tracer tracer) {
    Transaction tx = v.transaction();
    Address sender = v.sender();
    long gasLimit = tx.gasLimit();
    UInt256 price = tx.effectiveGasPrice(block.baseFee());
    long blobGas = 0;
    List<Bytes32> blobHashes = List.of();
    if (tx instanceof BlobTransaction blob) {
      blobGas = blob.blobGas();
      blobHashes = blob.blobVersionedHashes();
    }

    // Buy the gas (base fee and tip at the effective price, blob gas at the blob base fee), then
    // use the nonce.
    UInt256 upfront =
        unsigned(gasLimit).multiply(price).add(unsigned(blobGas).multiply(block.blobBaseFee()));
    world.subtractBalance(sender, upfront);
    long nonce = tx.nonce();
    world.setNonce(sender, nonce + 1);

    long messageGas = gasLimit - v.intrinsicGas();
    CallMessage message =
        tx.to().isPresent()
            ? CallMessage.call(sender, tx.to().get(), tx.value(), tx.data(), messageGas)
            : CallMessage.create(
                sender, ContractAddress.create(sender, nonce), tx.value(), tx.data(), messageGas);
    ExecutionResult r =
        evm.execute(
            world,
            block,
            new TxContext(sender, price, blobHashes),
            message,
            tx.accessList(),
            tracer);

    // EIP-3529: the refund is at most a fifth of the gas used.
    long used = gasLimit - r.gasLeft();
    long refund = Math.min(Math.max(r.refund(), 0), used / 5);
    used -= refund;
    world.addBalance(sender, unsigned(gasLimit - used).multiply(price));
    // The coinbase is touched even when the tip is zero, so an empty coinbase is removed below
    // (EIP-161).
    Address coinbase = block.coinbase();
    world.addBalance(coinbase, unsigned(used).multiply(price.subtract(block.baseFee())));
    Evm.finalizeTransaction(world, r, List.of(sender, coinbase));

    return new Executed(
        sender,
        r.outcome(),
        r.haltReason(),
        used,
        refund,
        blobGas,
        price,
        r.logs(),
        r.createdAddress(),
        r.output() == null ? Bytes.EMPTY : r.output());
  }

  /** An unsigned 64-bit value as a 256-bit one. */
  private static UInt256 unsigned(long v) {
    return new UInt256(0, 0, 0, v);
  }
}

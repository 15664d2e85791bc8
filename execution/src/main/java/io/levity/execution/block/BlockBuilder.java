package io.levity.execution.block;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.lang.Require;
import io.levity.core.num.UInt256;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionError;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.BlockContext;
import io.levity.evm.BlockContext.BlockHashLookup;
import io.levity.execution.fork.Fork;
import io.levity.execution.state.BlobGas;
import io.levity.execution.state.StateTransition;
import io.levity.execution.state.TransactionResult;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.state.TransactionResult.Rejected;
import io.levity.execution.tx.ValidatedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds the next block from candidate transactions (such as the mempool's selection) in the order
 * given: each is applied to the world; a rejected one is dropped (the world is unchanged by it) and
 * the next is tried, so the block only holds transactions that apply. Building stops when the gas
 * left is below a plain transfer's 21000. Base fee and excess blob gas follow from the parent
 * ({@link FeeMarket}). Not thread-safe.
 */
public final class BlockBuilder {
  /**
   * What the proposer chooses for the block.
   *
   * @param gasLimit the block gas limit (unsigned)
   * @param extraData at most 32 bytes
   * @param parentBeaconBlockRoot carried in the header; zero on a chain without a beacon chain
   */
  public record Params(
      Address coinbase,
      long timestamp,
      Bytes32 prevRandao,
      long gasLimit,
      Bytes extraData,
      Bytes32 parentBeaconBlockRoot) {
    public Params {
      Require.nonNull(
          "coinbase",
          coinbase,
          "prevRandao",
          prevRandao,
          "extraData",
          extraData,
          "parentBeaconBlockRoot",
          parentBeaconBlockRoot);
      if (extraData.size() > BlockHeader.MAX_EXTRA_DATA) {
        throw new IllegalArgumentException(
            "extra data is " + extraData.size() + " bytes, at most 32 allowed");
      }
    }
  }

  /** A candidate left out of the block, and why. */
  public record Dropped(Transaction transaction, Rejected reason) {}

  /** The built block with its receipts, per-transaction results and the candidates it dropped. */
  public record Built(
      Block block, List<Receipt> receipts, List<Executed> results, List<Dropped> dropped) {
    public Built {
      receipts = List.copyOf(receipts);
      results = List.copyOf(results);
      dropped = List.copyOf(dropped);
    }
  }

  private final StateTransition transition;
  private final BuildObserver observer;

  public BlockBuilder(Fork fork, long chainId) {
    this(fork, chainId, BuildObserver.NONE);
  }

  /** A builder that tells {@code observer} when each phase of every build ends. */
  public BlockBuilder(Fork fork, long chainId, BuildObserver observer) {
    this.transition = new StateTransition(fork, chainId);
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Builds from transactions that still need the stateless checks (signature, chain id, intrinsic
   * gas...).
   */
  public Built build(
      WorldState world,
      BlockHeader parent,
      Params params,
      List<Transaction> candidates,
      BlockHashLookup hashes) {
    return build(world, parent, params, candidates, hashes, Candidate::ofRaw);
  }

  /** Builds from transactions that passed the stateless checks already (the mempool's). */
  public Built buildValidated(
      WorldState world,
      BlockHeader parent,
      Params params,
      List<ValidatedTransaction> candidates,
      BlockHashLookup hashes) {
    return build(world, parent, params, candidates, hashes, Candidate::ofValidated);
  }

  private record Candidate(Transaction tx, ValidatedTransaction validated) {
    static Candidate ofRaw(Transaction tx) {
      return new Candidate(tx, null);
    }

    static Candidate ofValidated(ValidatedTransaction v) {
      return new Candidate(v.transaction(), v);
    }
  }

  private <T> Built build(
      WorldState world,
      BlockHeader parent,
      Params params,
      List<T> candidates,
      BlockHashLookup hashes,
      java.util.function.Function<T, Candidate> toCandidate) {
    UInt256 baseFee = FeeMarket.nextBaseFee(parent);
    long excessBlobGas = FeeMarket.nextExcessBlobGas(parent);
    long number = parent.number() + 1;
    // The header as far as it is known before execution; the executor needs only its block values.
    BlockHeader draft =
        BlockHeader.cancun(
            parent.hash(),
            params.coinbase(),
            Bytes32.ZERO,
            Bytes32.ZERO,
            Bytes32.ZERO,
            LogsBloom.EMPTY,
            number,
            params.gasLimit(),
            0,
            params.timestamp(),
            params.extraData(),
            params.prevRandao(),
            baseFee,
            0,
            excessBlobGas,
            params.parentBeaconBlockRoot());
    BlockContext ctx = BlockExecutor.context(draft, transition.chainId(), hashes);
    BlockAccumulator acc = new BlockAccumulator(params.gasLimit());
    List<Dropped> dropped = new ArrayList<>();
    for (T item : candidates) {
      if (Long.compareUnsigned(acc.gasAvailable(), TransactionSigner.TRANSFER_GAS) < 0) break;
      Candidate c = toCandidate.apply(item);
      if (c.tx() instanceof BlobTransaction blob
          && acc.blobGasUsed + blob.blobGas() > BlobGas.MAX_PER_BLOCK) {
        dropped.add(
            new Dropped(
                c.tx(),
                new Rejected(
                    TransactionError.BLOB_COUNT_EXCEEDED,
                    "the block has room for "
                        + (BlobGas.MAX_PER_BLOCK - acc.blobGasUsed)
                        + " more blob gas, the"
                        + " transaction needs "
                        + blob.blobGas())));
        continue;
      }
      world.beginTransaction();
      TransactionResult r =
          c.validated() != null
              ? transition.apply(world, ctx, c.validated(), acc.gasAvailable(), null)
              : transition.apply(world, ctx, c.tx(), acc.gasAvailable(), null);
      switch (r) {
        case Rejected rej -> dropped.add(new Dropped(c.tx(), rej));
        case Executed ex -> acc.add(c.tx(), ex);
      }
    }
    observer.ended(BuildObserver.Phase.TRANSACTIONS);
    Bytes32 stateRoot = world.stateRoot();
    observer.ended(BuildObserver.Phase.STATE_ROOT);
    BlockExecutor.Result res = acc.result(stateRoot);
    BlockHeader header =
        BlockHeader.cancun(
            parent.hash(),
            params.coinbase(),
            res.stateRoot(),
            res.transactionsRoot(),
            res.receiptsRoot(),
            res.logsBloom(),
            number,
            params.gasLimit(),
            res.gasUsed(),
            params.timestamp(),
            params.extraData(),
            params.prevRandao(),
            baseFee,
            res.blobGasUsed(),
            excessBlobGas,
            params.parentBeaconBlockRoot());
    return new Built(new Block(header, acc.transactions), res.receipts(), res.results(), dropped);
  }
}

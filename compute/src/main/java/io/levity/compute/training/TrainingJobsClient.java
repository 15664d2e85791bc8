package io.levity.compute.training;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.Contract;
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
import java.util.Objects;
import java.util.function.Supplier;

/** Reads and writes training jobs on a TrainingJobs contract. */
public final class TrainingJobsClient {
  private final EthRpc rpc;
  private final Contract contract;
  private final ReceiptWaiter receipts;

  public TrainingJobsClient(EthRpc rpc, Address contract, Duration receiptTimeout) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.contract = new Contract(rpc, contract);
    this.receipts = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(50));
  }

  /** Deploys a fresh TrainingJobs contract from {@code wallet} and returns its address. */
  public static Address deploy(Wallet wallet, Duration receiptTimeout) {
    ReceiptWaiter waiter = ReceiptWaiter.of(wallet.rpc(), receiptTimeout, Duration.ofMillis(50));
    TxReceipt r = wallet.sendAndWait(TxRequest.deploy(TrainingJobsContract.creationCode()), waiter);
    return r.contractAddress()
        .orElseThrow(() -> new TrainingJobException("the deployment receipt names no contract"));
  }

  public Address address() {
    return contract.address();
  }

  /** Records a job and its checkpoint 0; returns the job's id. */
  public BigInteger create(Wallet owner, JobRecord proposed, Bytes32 initialCheckpoint) {
    TxReceipt r =
        send(
            owner,
            "createJob",
            TxRequest.call(
                contract.address(),
                TrainingJobsContract.CREATE_JOB.encodeCall(
                    proposed.datasetRoot(),
                    proposed.baseModelRoot(),
                    proposed.specRoot(),
                    proposed.runtime(),
                    BigInteger.valueOf(proposed.seed()),
                    BigInteger.valueOf(proposed.segmentSteps()),
                    BigInteger.valueOf(proposed.segments()),
                    initialCheckpoint)));
    for (EthLog log : r.logs())
      if (log.address().equals(contract.address())
          && !log.topics().isEmpty()
          && log.topics().get(0).equals(TrainingJobsContract.JOB_CREATED.topic()))
        return TrainingJobsContract.JOB_CREATED.decode(log.topics(), log.data()).bigInteger(0);
    throw new TrainingJobException("no JobCreated event in " + r.transactionHash());
  }

  /** Records checkpoint {@code index} of job {@code id}. */
  public void commit(Wallet owner, BigInteger id, int index, Bytes32 root) {
    send(
        owner,
        "commitCheckpoint",
        TxRequest.call(
            contract.address(),
            TrainingJobsContract.COMMIT_CHECKPOINT.encodeCall(
                id, BigInteger.valueOf(index), root)));
  }

  /** The job's record; throws {@link TrainingJobException} when there is no such job. */
  public JobRecord job(BigInteger id) {
    AbiValues t = read(() -> contract.call(TrainingJobsContract.JOB_OF, id), "job " + id).tuple(0);
    return new JobRecord(
        id,
        t.address(0),
        (int) t.longValue(1),
        (int) t.longValue(2),
        (int) t.longValue(3),
        t.bigInteger(4).longValue(),
        t.bytes32(5),
        t.bytes32(6),
        t.bytes32(7),
        t.bytes32(8));
  }

  /** The root of checkpoint {@code index}, zero while it is not recorded. */
  public Bytes32 checkpoint(BigInteger id, int index) {
    return read(
            () -> contract.call(TrainingJobsContract.CHECKPOINT, id, BigInteger.valueOf(index)),
            "checkpoint " + index + " of job " + id)
        .bytes32(0);
  }

  /** How many jobs exist. */
  public BigInteger jobCount() {
    return read(() -> contract.call(TrainingJobsContract.JOB_COUNT), "jobCount").bigInteger(0);
  }

  public EthRpc rpc() {
    return rpc;
  }

  private TxReceipt send(Wallet owner, String what, TxRequest tx) {
    try {
      return owner.sendAndWait(tx, receipts);
    } catch (RpcErrorException e) {
      if (!e.isRevert()) throw e;
      throw new TrainingJobException(
          what
              + " reverted: "
              + e.revertData().map(TrainingJobsContract.ERRORS::describe).orElse(e.rpcMessage()),
          e);
    }
  }

  private static AbiValues read(Supplier<AbiValues> call, String what) {
    try {
      return call.get();
    } catch (RpcErrorException e) {
      if (!e.isRevert()) throw e;
      throw new TrainingJobException(
          what
              + ": "
              + e.revertData().map(TrainingJobsContract.ERRORS::describe).orElse(e.rpcMessage()),
          e);
    }
  }
}

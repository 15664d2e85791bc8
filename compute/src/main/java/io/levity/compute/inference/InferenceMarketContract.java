package io.levity.compute.inference;

import io.levity.compute.ContractCode;
import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.CustomErrors;
import java.util.List;

/**
 * The InferenceMarket contract (compute/contracts, compiled by compile.js into this package's
 * resources): its code, its interface and its errors. {@code InferenceMarketAbiTest} checks the
 * declarations against the ABI the compiler emitted.
 */
public final class InferenceMarketContract {
  static final String SERVICE_INFO = "(uint8,string,bytes32,uint256,uint256,string,address,bool)";
  static final String LEAF =
      "("
          + InferenceReceipt.REQUEST_TUPLE
          + ","
          + InferenceReceipt.RESPONSE_TUPLE
          + ",bytes,bytes,uint256)";
  static final String LEAF_PROOF = "(" + LEAF + ",uint256,bytes32[])";

  public static final AbiFunction CONSTRUCTOR =
      AbiFunction.parse(
          "constructor(uint256,uint256,uint256,uint64[4],uint16,uint16,uint16,uint16)");

  public static final AbiFunction REGISTER = fn("register(" + SERVICE_INFO + ")");
  public static final AbiFunction UPDATE = fn("update(" + SERVICE_INFO + ")");
  public static final AbiFunction ADD_STAKE = fn("addStake()");
  public static final AbiFunction UNBOND = fn("unbond()");
  public static final AbiFunction WITHDRAW_STAKE = fn("withdrawStake()");
  public static final AbiFunction SERVICE =
      fn("service(address) returns ((" + SERVICE_INFO + ",uint256,uint64,uint32))");
  public static final AbiFunction DEPOSIT = fn("deposit()");
  public static final AbiFunction WITHDRAW = fn("withdraw(uint256)");
  public static final AbiFunction FUND = fn("fund(address,uint256)");
  public static final AbiFunction REQUEST_REFUND = fn("requestRefund(address,uint256)");
  public static final AbiFunction CLAIM_REFUND = fn("claimRefund(address)");
  public static final AbiFunction SUB_ACCOUNT =
      fn("subAccount(address,address) returns ((uint128,uint64,uint64,uint128))");
  public static final AbiFunction BALANCE_OF = fn("balanceOf(address) returns (uint256)");
  public static final AbiFunction SUBMIT_BATCH =
      fn("submitBatch(bytes32,uint32,(address,uint32,uint64,uint128)[]) returns (uint256)");
  public static final AbiFunction FINALIZE = fn("finalize(uint256)");
  public static final AbiFunction RECLAIM = fn("reclaim(uint256)");
  public static final AbiFunction BATCH =
      fn("batch(uint256) returns ((address,uint64,uint8,uint8,uint32,uint32,uint128,bytes32))");
  public static final AbiFunction BATCH_USER =
      fn("batchUser(uint256,address) returns ((uint64,uint64,uint128))");
  public static final AbiFunction BATCH_COUNT = fn("batchCount() returns (uint256)");
  public static final AbiFunction CHALLENGE =
      fn("challenge(uint256," + LEAF_PROOF + ") returns (uint256)");
  public static final AbiFunction CHALLENGE_PAIR =
      fn("challengePair(uint256," + LEAF_PROOF + "," + LEAF_PROOF + ")");
  public static final AbiFunction LEAF_CHALLENGED =
      fn("leafChallenged(uint256,uint256) returns (bool)");
  public static final AbiFunction VOTE = fn("vote(uint256,bool)");
  public static final AbiFunction RESOLVE = fn("resolve(uint256)");
  public static final AbiFunction DISPUTE =
      fn("dispute(uint256) returns ((uint64,uint64,uint16,uint8,address,uint128))");
  public static final AbiFunction DISPUTE_COUNT = fn("disputeCount() returns (uint256)");
  public static final AbiFunction HAS_VOTED = fn("hasVoted(uint256,address) returns (bool)");
  public static final AbiFunction REGISTER_AUDITOR = fn("registerAuditor()");
  public static final AbiFunction UNREGISTER_AUDITOR = fn("unregisterAuditor()");
  public static final AbiFunction AUDITOR_STAKE = fn("auditorStake(address) returns (uint256)");
  public static final AbiFunction AUDITOR_COUNT = fn("auditorCount() returns (uint256)");
  public static final AbiFunction BURNED = fn("burned() returns (uint256)");
  public static final AbiFunction DOMAIN_SEPARATOR = fn("domainSeparator() returns (bytes32)");
  public static final AbiFunction REQUEST_DIGEST =
      fn("requestDigest(" + InferenceReceipt.REQUEST_TUPLE + ") returns (bytes32)");
  public static final AbiFunction RESPONSE_DIGEST =
      fn("responseDigest(" + InferenceReceipt.RESPONSE_TUPLE + ") returns (bytes32)");
  public static final AbiFunction LEAF_HASH = fn("leafHash(" + LEAF + ") returns (bytes32)");

  /** The parameters, as the contract exposes them (immutables and limits). */
  public static final List<AbiFunction> PARAMETERS =
      List.of(
          fn("minProviderStake() returns (uint256)"),
          fn("minAuditorStake() returns (uint256)"),
          fn("challengeBond() returns (uint256)"),
          fn("unbondingPeriod() returns (uint64)"),
          fn("refundLockTime() returns (uint64)"),
          fn("challengeWindow() returns (uint64)"),
          fn("votingPeriod() returns (uint64)"),
          fn("threshold() returns (uint16)"),
          fn("slashBps() returns (uint16)"),
          fn("challengerShareBps() returns (uint16)"),
          fn("sampleRateBps() returns (uint16)"),
          fn("MAX_MODEL_ID() returns (uint256)"),
          fn("MAX_ENDPOINT() returns (uint256)"),
          fn("MAX_LEAVES() returns (uint256)"));

  public static final AbiEvent BATCH_SUBMITTED =
      ev("BatchSubmitted(uint256 indexed,address indexed,bytes32,uint32,uint256)");
  public static final AbiEvent BATCH_PAID =
      ev("BatchPaid(uint256 indexed,address indexed,uint256)");
  public static final AbiEvent BATCH_VOIDED =
      ev("BatchVoided(uint256 indexed,address indexed,uint8,uint256,uint256)");
  public static final AbiEvent CHALLENGED =
      ev("Challenged(uint256 indexed,uint256 indexed,uint256,address)");
  public static final AbiEvent VOTED = ev("Voted(uint256 indexed,address indexed,bool)");
  public static final AbiEvent DISPUTE_RESOLVED = ev("DisputeResolved(uint256 indexed,uint8)");

  /** Every event, for the ABI test and log decoding. */
  public static final List<AbiEvent> EVENTS =
      List.of(
          BATCH_SUBMITTED,
          BATCH_PAID,
          BATCH_VOIDED,
          CHALLENGED,
          VOTED,
          DISPUTE_RESOLVED,
          ev("ServiceRegistered(address indexed,uint8,bytes32,address)"),
          ev("ServiceUpdated(address indexed,bytes32,uint256,uint256)"),
          ev("StakeChanged(address indexed,uint256)"),
          ev("Unbonding(address indexed,uint64)"),
          ev("Deposited(address indexed,uint256)"),
          ev("Withdrawn(address indexed,uint256)"),
          ev("Funded(address indexed,address indexed,uint256)"),
          ev("RefundRequested(address indexed,address indexed,uint256,uint64)"),
          ev("Refunded(address indexed,address indexed,uint256)"),
          ev("AuditorChanged(address indexed,uint256)"));

  /** Every revert the contract makes. */
  public static final CustomErrors ERRORS =
      new CustomErrors(
          List.of(
              "BadParameters()",
              "AlreadyRegistered(address)",
              "NotRegistered(address)",
              "StakeTooLow(uint256,uint256)",
              "BadServiceType(uint8)",
              "StringTooLong(uint256,uint256)",
              "ZeroSigner()",
              "TermsLocked(uint32)",
              "ProviderUnbonding(address)",
              "NotUnbonding(address)",
              "StillBonded(uint64)",
              "InsufficientBalance(address,uint256,uint256)",
              "NoRefundDue(address,address)",
              "RefundLocked(uint64)",
              "TransferFailed(address,uint256)",
              "EmptyBatch()",
              "BatchTooLarge(uint256,uint256)",
              "LeafCountMismatch(uint256,uint256)",
              "StaleNonce(address,uint64,uint64)",
              "CountMismatch(address,uint32,uint64)",
              "DuplicateUser(address)",
              "UnknownBatch(uint256)",
              "BatchNotPending(uint256)",
              "WindowOpen(uint64)",
              "WindowClosed(uint64)",
              "DisputesOpen(uint32)",
              "WrongBond(uint256,uint256)",
              "NotInBatch(uint256,uint256)",
              "LeafAlreadyChallenged(uint256,uint256)",
              "NotAPair()",
              "UnknownDispute(uint256)",
              "DisputeClosed(uint256)",
              "VotingEnded(uint64)",
              "VotingOpen(uint64)",
              "NotAuditor(address)",
              "AlreadyVoted(uint256,address)",
              "AlreadyAuditor(address)",
              "NothingToReclaim(uint256,address)"));

  private InferenceMarketContract() {}

  /** The creation code without constructor arguments. */
  public static Bytes creationCode() {
    return hexResource("InferenceMarket.creation.hex");
  }

  /** The creation code followed by {@code parameters} as constructor arguments. */
  public static Bytes deployment(MarketParameters parameters) {
    return Bytes.concat(creationCode(), parameters.constructorArguments());
  }

  /**
   * The runtime code solc emitted; its immutables (the parameters) are zero here, so the contract
   * is deployed through its constructor, never placed in a genesis as it is.
   */
  public static Bytes runtimeCode() {
    return hexResource("InferenceMarket.runtime.hex");
  }

  private static AbiFunction fn(String declaration) {
    return AbiFunction.parse(declaration);
  }

  private static AbiEvent ev(String declaration) {
    return AbiEvent.parse(declaration);
  }

  private static Bytes hexResource(String name) {
    return ContractCode.hexResource(InferenceMarketContract.class, name);
  }
}

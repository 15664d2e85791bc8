package io.levity.compute.inference;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.LogQuery;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The market's settlement and dispute events over a block range ({@code eth_getLogs}), decoded:
 * what auditors follow and what a provider reads back after a crash.
 */
public final class MarketEvents {
  /** A BatchSubmitted event. */
  public record Submitted(
      long batchId, Address provider, Bytes32 root, int leafCount, BigInteger escrow) {}

  /** A Challenged event: a dispute opened on one leaf. */
  public record Challenge(long disputeId, long batchId, int leafIndex, Address challenger) {}

  /** A BatchVoided event. */
  public record Voided(
      long batchId, Address provider, MarketFault fault, BigInteger slashed, BigInteger reward) {}

  private final InferenceMarketClient market;
  private final Contract contract;

  public MarketEvents(InferenceMarketClient market) {
    this.market = market;
    this.contract = new Contract(market.rpc(), market.address());
  }

  /** The latest block number. */
  public long head() {
    return market.rpc().blockNumber();
  }

  /** The batches {@code provider} (null: any) submitted in blocks {@code [from, to]}. */
  public List<Submitted> submitted(long from, long to, Address provider) {
    LogQuery q = range(from, to);
    if (provider != null) q = q.withTopic(2, Bytes32.leftPad(provider));
    List<Submitted> out = new ArrayList<>();
    for (AbiValues v : events(InferenceMarketContract.BATCH_SUBMITTED, q))
      out.add(
          new Submitted(
              v.longValue(0), v.address(1), v.bytes32(2), (int) v.longValue(3), v.bigInteger(4)));
    return out;
  }

  /** The batches {@code provider} submitted from block {@code from} to the latest. */
  public List<Submitted> submitted(long from, Address provider) {
    return submitted(from, head(), provider);
  }

  /** The disputes opened in blocks {@code [from, to]}. */
  public List<Challenge> challenges(long from, long to) {
    List<Challenge> out = new ArrayList<>();
    for (AbiValues v : events(InferenceMarketContract.CHALLENGED, range(from, to)))
      out.add(new Challenge(v.longValue(0), v.longValue(1), (int) v.longValue(2), v.address(3)));
    return out;
  }

  /** The batches voided in blocks {@code [from, to]}. */
  public List<Voided> voided(long from, long to) {
    List<Voided> out = new ArrayList<>();
    for (AbiValues v : events(InferenceMarketContract.BATCH_VOIDED, range(from, to)))
      out.add(
          new Voided(
              v.longValue(0),
              v.address(1),
              MarketFault.of((int) v.longValue(2)),
              v.bigInteger(3),
              v.bigInteger(4)));
    return out;
  }

  private List<AbiValues> events(AbiEvent event, LogQuery q) {
    return contract.events(event, q);
  }

  private LogQuery range(long from, long to) {
    return new LogQuery(
        List.of(market.address()), BlockTag.number(from), BlockTag.number(to), List.of());
  }
}

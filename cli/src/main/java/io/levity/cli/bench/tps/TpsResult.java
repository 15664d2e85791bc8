package io.levity.cli.bench.tps;

import java.util.List;

/**
 * What one workload did on one chain.
 *
 * @param target "levity" or "hardhat"
 * @param targetDescription what exactly ran (version, process, URL)
 * @param offeredRate the --rate asked for in tx/s, 0 for as fast as acknowledged
 * @param seconds the measured window: submission ran this long
 * @param submitted transactions acknowledged by eth_sendRawTransaction within the window
 * @param committed our transactions first seen in a block within the window
 * @param latency first send to first sight in a block, over every acknowledged transaction seen in
 *     a block (including those that landed while the run drained)
 * @param acknowledged acknowledged in total (the window plus requests in flight at its end)
 * @param included seen in blocks in total, after draining
 * @param lost acknowledged but never seen in a block within the drain timeout; must be 0
 * @param rejected submissions the node refused for good (the nonce went to another transaction)
 * @param receiptsChecked receipts read back (all, or a seeded sample)
 * @param reverted of those, receipts with status 0 (or missing)
 * @param failed rejected + reverted
 * @param retries resends after a busy or limit answer
 * @param blocks blocks produced within the window
 * @param maxTxPerBlock the fullest of them, in our transactions
 * @param client how the client sent: batch size, requests, transactions pre-signed
 * @param resources CPU time and memory of the target, CPU use of the client
 * @param notes anything unusual (watcher errors, sender failures, hash mismatches)
 */
public record TpsResult(
    String target,
    String targetDescription,
    String workload,
    String workloadDescription,
    int senders,
    int window,
    double offeredRate,
    double seconds,
    long submitted,
    long committed,
    double submittedPerSecond,
    double committedPerSecond,
    LatencySummary latency,
    long acknowledged,
    long included,
    long lost,
    long rejected,
    long receiptsChecked,
    long reverted,
    long failed,
    long retries,
    long blocks,
    long maxTxPerBlock,
    Client client,
    ResourceUse resources,
    List<String> notes) {
  /**
   * How the client sent.
   *
   * @param batch most transactions per request (--batch)
   * @param requests eth_sendRawTransaction requests (single calls or batches) sent, resends
   *     included
   * @param presignedPerSender transactions each sender signed before the window (--presign)
   * @param signedLate transactions signed during the run because no pre-signed one fitted
   */
  public record Client(int batch, long requests, int presignedPerSender, long signedLate) {}

  public TpsResult {
    notes = List.copyOf(notes);
  }
}

package io.levity.cli.bench;

import io.levity.da.client.BlobStatus;
import io.levity.da.client.DaClient;
import io.levity.da.client.DisperseOutcome;
import io.levity.da.encoding.BlobEncoder;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellVerifier;
import io.levity.da.encoding.EncodedBlob;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** The measurements of {@code levity bench da}. */
final class DaBenchRuns {
  private static final double MB = 1e6;
  private final PrintWriter out;
  private final long blobSize;
  private final int threads;

  DaBenchRuns(PrintWriter out, long blobSize, int threads) {
    this.out = out;
    this.blobSize = blobSize;
    this.threads = threads;
  }

  private byte[] blob(long seed) {
    byte[] b = new byte[(int) blobSize];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Encoding on one thread and on all, then a node's proof checks of every cell. */
  void encodeAndVerify() {
    byte[] data = blob(1);
    BlobEncoder.encode(data, blobSize, threads); // warm the native library and the JIT
    long t0 = System.nanoTime();
    EncodedBlob one = BlobEncoder.encode(data, blobSize, 1);
    double s1 = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    BlobEncoder.encode(data, blobSize, threads);
    double sn = (System.nanoTime() - t1) / 1e9;
    List<Cell> all = new ArrayList<>();
    for (List<Cell> piece : one.pieces()) all.addAll(piece);
    long t2 = System.nanoTime();
    if (!CellVerifier.invalid(one.header(), all).isEmpty())
      throw new IllegalStateException("freshly encoded cells failed their proofs");
    double sv = (System.nanoTime() - t2) / 1e9;
    out.printf(
        Locale.ROOT,
        "encode %d bytes (%d pieces, %d cells with proofs): 1 thread %.2f s = %.2f MB/s;"
            + " %d threads %.2f s = %.2f MB/s (%.2f MB/s per thread)%n",
        blobSize,
        one.header().pieceCount(),
        all.size(),
        s1,
        blobSize / MB / s1,
        threads,
        sn,
        blobSize / MB / sn,
        blobSize / MB / sn / threads);
    out.printf(
        Locale.ROOT,
        "verify every cell proof (what all nodes do together, batched per piece): %.2f s = %.2f"
            + " MB/s of blob on 1 thread%n",
        sv,
        blobSize / MB / sv);
    out.flush();
  }

  /** {@code count} blobs dispersed one after another, each to certification. */
  void endToEnd(DaClient client, EthRpc rpc, int nodes, int count)
      throws IOException, InterruptedException {
    client.disperse(blob(99), line -> {}); // warm-up round, not counted
    double[] latency = new double[count];
    long gas = 0;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t = System.nanoTime();
      DisperseOutcome o = client.disperse(blob(100 + i), line -> {});
      latency[i] = (System.nanoTime() - t) / 1e9;
      if (o.record().status() != BlobStatus.CERTIFIED)
        throw new IllegalStateException(
            "blob " + i + " ended " + o.record().status() + ": " + o.record().reason());
      TxReceipt r =
          rpc.getTransactionReceipt(o.record().certificateTx().orElseThrow()).orElseThrow();
      gas = r.gasUsed();
    }
    double total = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latency);
    out.printf(
        Locale.ROOT,
        "end to end, %d DA nodes on an in-process chain (20 ms blocks), %d blobs of %d bytes one"
            + " after another: %.2f MB/s certified; submit-to-certified p50 %.2f s, p99 %.2f s%n",
        nodes,
        count,
        blobSize,
        count * blobSize / MB / total,
        latency[count / 2],
        latency[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)]);
    out.printf(Locale.ROOT, "certify gas (%d signers): %d%n", nodes, gas);
    out.println(
        "anchors (published, not run here): EigenDA V2 100 MB/s sustained, 5 s average / 10 s p99;"
            + " Celestia mainnet about 1.33 MB/s; 0G DA claims 50 Gbps");
    out.flush();
  }
}

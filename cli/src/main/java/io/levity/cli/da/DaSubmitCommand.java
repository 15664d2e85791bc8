package io.levity.cli.da;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.da.client.BlobStatus;
import io.levity.da.client.DaClient;
import io.levity.da.client.DispersalRecord;
import io.levity.da.client.DisperseOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code levity da submit FILE}: encodes the file, sends it to the current quorum, certifies it and
 * prints the blob id, its status and the certificate's transaction; progress on stderr. Exit 0 once
 * certified, 1 otherwise.
 */
@Command(name = "submit")
public final class DaSubmitCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE")
  Path input;

  @Mixin DaUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          if (!Files.isRegularFile(input)) return o.fail("no such file: " + input);
          long size = Files.size(input);
          if (size > o.maxBlob)
            return o.fail(
                input
                    + " has "
                    + size
                    + " bytes; the largest blob is "
                    + o.maxBlob
                    + " (--max-blob)");
          DaClient client = o.client(true);
          byte[] data = Files.readAllBytes(input);
          o.progress("status PROCESSING");
          DisperseOutcome out = client.disperse(data, o::progress);
          DispersalRecord r = out.record();
          if (o.json) {
            ObjectNode j =
                o.object()
                    .put("blobId", r.blobId().toHex())
                    .put("status", r.status().name())
                    .put("length", r.length())
                    .put("pieces", out.header().pieceCount())
                    .put("epoch", r.epoch())
                    .put("signedStake", out.signedStake().toString())
                    .put("totalStake", out.totalStake().toString())
                    .put("encodeMs", out.encodeNanos() / 1_000_000)
                    .put("disperseMs", out.disperseNanos() / 1_000_000)
                    .put("certifyMs", out.certifyNanos() / 1_000_000);
            j.put("certificateTx", r.certificateTx().map(t -> t.toHex()).orElse(null));
            r.certificate().ifPresent(c -> j.put("signers", "0x" + c.signers().toString(16)));
            if (!r.reason().isEmpty()) j.put("reason", r.reason());
            ObjectNode errors = j.putObject("nodeErrors");
            r.nodeErrors().forEach((k, v) -> errors.put(Integer.toString(k), v));
            o.print(j);
          } else {
            o.err()
                .println("status " + r.status() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
            r.certificateTx()
                .ifPresent(t -> o.err().println("certificate transaction " + t.toHex()));
            o.err().flush();
            o.out().println(r.blobId().toHex());
            o.out().flush();
          }
          return r.status() == BlobStatus.CERTIFIED ? 0 : 1;
        });
  }
}

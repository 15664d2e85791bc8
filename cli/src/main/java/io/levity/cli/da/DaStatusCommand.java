package io.levity.cli.da;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Bytes32;
import io.levity.da.chain.CertifiedBlob;
import io.levity.da.client.BlobStatus;
import io.levity.da.client.DaClient;
import io.levity.da.client.DispersalRecord;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code levity da status ID}: CERTIFIED (with the block and transaction) when the contract has the
 * blob's certificate, else what this client's journal says, else UNKNOWN (exit 1).
 */
@Command(name = "status")
public final class DaStatusCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Mixin DaUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          Bytes32 blob = DaUserOptions.blobId(id);
          DaClient client = o.client(false);
          Optional<CertifiedBlob> c = client.chain().certified(blob);
          Optional<DispersalRecord> r = client.record(blob);
          BlobStatus s = client.status(blob);
          ObjectNode j = o.object().put("blobId", blob.toHex()).put("status", s.name());
          c.ifPresent(
              x ->
                  j.put("epoch", x.epoch())
                      .put("block", x.blockNumber())
                      .put("certificateTx", x.transactionHash().toHex())
                      .put("signers", "0x" + x.signers().toString(16)));
          if (c.isEmpty() && r.isPresent()) {
            j.put("epoch", r.get().epoch());
            if (!r.get().reason().isEmpty()) j.put("reason", r.get().reason());
          }
          if (o.json) o.print(j);
          else {
            StringBuilder line = new StringBuilder(s.name());
            c.ifPresent(
                x ->
                    line.append(" in block ")
                        .append(x.blockNumber())
                        .append(", transaction ")
                        .append(x.transactionHash().toHex())
                        .append(", epoch ")
                        .append(x.epoch()));
            if (c.isEmpty() && j.has("reason")) line.append(": ").append(j.get("reason").asText());
            o.out().println(line);
            o.out().flush();
          }
          return s == BlobStatus.UNKNOWN ? 1 : 0;
        });
  }
}

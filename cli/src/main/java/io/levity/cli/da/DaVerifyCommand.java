package io.levity.cli.da;

import io.levity.core.bytes.Bytes32;
import io.levity.da.client.DaClient;
import io.levity.da.client.VerifyOutcome;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code levity da verify ID}: reads the blob's certificate from its certifying transaction and
 * checks it again: the aggregated signature against the signers' registered keys, the stake
 * threshold, and {@code checkDACert} on chain while its epoch is fresh. Exit 0 when all hold.
 */
@Command(name = "verify")
public final class DaVerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Mixin DaUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          Bytes32 blob = DaUserOptions.blobId(id);
          DaClient client = o.client(false);
          VerifyOutcome v = client.verify(blob);
          if (o.json) {
            var j =
                o.object()
                    .put("blobId", blob.toHex())
                    .put("valid", v.valid())
                    .put("epoch", v.certificate().epoch())
                    .put("block", v.record().blockNumber())
                    .put("certificateTx", v.record().transactionHash().toHex())
                    .put("signers", "0x" + v.certificate().signers().toString(16))
                    .put("signedStake", v.signedStake().toString())
                    .put("totalStake", v.totalStake().toString())
                    .put("signatureValid", v.signatureValid())
                    .put("thresholdMet", v.thresholdMet());
            if (v.onChainCheck().isPresent()) j.put("checkDACert", v.onChainCheck().get());
            else j.putNull("checkDACert");
            o.print(j);
          } else {
            o.out()
                .println(
                    (v.valid() ? "valid" : "INVALID")
                        + ": certified in block "
                        + v.record().blockNumber()
                        + " (epoch "
                        + v.certificate().epoch()
                        + "), signers hold "
                        + v.signedStake()
                        + " of "
                        + v.totalStake()
                        + " stake; aggregated signature "
                        + (v.signatureValid() ? "verifies" : "DOES NOT verify")
                        + "; threshold "
                        + (v.thresholdMet() ? "met" : "NOT met")
                        + "; checkDACert "
                        + v.onChainCheck()
                            .map(b -> b ? "accepts it" : "REFUSES it")
                            .orElse("not run (the epoch is no longer fresh)"));
            o.out().flush();
          }
          return v.valid() ? 0 : 1;
        });
  }
}

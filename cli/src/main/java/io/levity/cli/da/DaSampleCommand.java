package io.levity.cli.da;

import io.levity.core.bytes.Bytes32;
import io.levity.da.client.DaClient;
import io.levity.da.client.SampleOutcome;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity da sample ID --samples N}: fetches N random cells of every piece with their proofs
 * and prints the confidence that the blob is available; exit 0 when every sample came back valid, 1
 * when any did not (the blob is then not shown available).
 */
@Command(name = "sample")
public final class DaSampleCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Option(names = "--samples", paramLabel = "N")
  int samples = 16;

  @Option(names = "--min-confidence", paramLabel = "P")
  double minConfidence = 0.99;

  @Option(names = "--seed", paramLabel = "N")
  Long seed;

  @Mixin DaUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          Bytes32 blob = DaUserOptions.blobId(id);
          DaClient client = o.client(false);
          RandomGenerator random = seed == null ? new SecureRandom() : new Random(seed);
          SampleOutcome s = client.sample(blob, samples, minConfidence, random);
          s.reported().forEach((node, why) -> o.progress("reported node " + node + ": " + why));
          if (o.json) {
            var j =
                o.object()
                    .put("blobId", blob.toHex())
                    .put("available", s.available())
                    .put("pieces", s.pieces())
                    .put("firstRound", s.firstRound())
                    .put("mostPerPiece", s.mostPerPiece())
                    .put("succeeded", s.succeeded())
                    .put("confidence", s.confidence())
                    .put("minConfidence", s.target());
            var failed = j.putArray("failed");
            s.failed().forEach(failed::add);
            var rep = j.putObject("reported");
            s.reported().forEach((k, v) -> rep.put(Integer.toString(k), v));
            o.print(j);
          } else {
            o.out()
                .println(
                    (s.available() ? "available" : "NOT shown available")
                        + ": confidence "
                        + String.format(Locale.ROOT, "%.10f", s.confidence())
                        + " (target "
                        + s.target()
                        + "); "
                        + s.succeeded()
                        + " of "
                        + (s.succeeded() + s.failed().size())
                        + " samples ("
                        + s.firstRound()
                        + " per piece first, up to "
                        + s.mostPerPiece()
                        + ", "
                        + s.pieces()
                        + " piece(s)) came back with valid proofs"
                        + (s.failed().isEmpty()
                            ? ""
                            : ", e.g. cell " + s.failed().get(0) + " did not"));
          }
          o.out().flush();
          return s.available() ? 0 : 1;
        });
  }
}

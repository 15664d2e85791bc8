package io.levity.cli.da;

import io.levity.core.bytes.Bytes32;
import io.levity.da.client.DaClient;
import io.levity.da.client.RetrieveOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code levity da get ID OUT}: rebuilds the blob from its quorum (any half of each piece's cells,
 * every proof checked) and writes it to OUT; nodes that served bad cells or none are named.
 */
@Command(name = "get")
public final class DaGetCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Parameters(index = "1", paramLabel = "OUT")
  Path output;

  @Mixin DaUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          Bytes32 blob = DaUserOptions.blobId(id);
          DaClient client = o.client(false);
          RetrieveOutcome r = client.retrieve(blob);
          Path dir = output.toAbsolutePath().getParent();
          Files.createDirectories(dir);
          Path tmp = Files.createTempFile(dir, ".levity-da-", ".part");
          try {
            Files.write(tmp, r.data().unsafeArray());
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
          } finally {
            Files.deleteIfExists(tmp);
          }
          r.reported().forEach((node, why) -> o.progress("reported node " + node + ": " + why));
          if (o.json) {
            var j =
                o.object()
                    .put("blobId", blob.toHex())
                    .put("out", output.toString())
                    .put("length", r.data().size())
                    .put("cellsVerified", r.cellsVerified());
            var rep = j.putObject("reported");
            r.reported().forEach((k, v) -> rep.put(Integer.toString(k), v));
            o.print(j);
          } else {
            o.out()
                .println(
                    "wrote "
                        + r.data().size()
                        + " bytes to "
                        + output
                        + " ("
                        + r.cellsVerified()
                        + " cells verified)");
            o.out().flush();
          }
          return 0;
        });
  }
}

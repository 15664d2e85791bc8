package io.levity.cli.compute;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.ServiceType;
import io.levity.core.bytes.Address;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity compute embed TEXT}: one signed embeddings request; prints the verified vector as a
 * JSON array (or a one-line summary with --quiet), and the receipt's line on stderr.
 */
@Command(name = "embed")
public final class ComputeEmbedCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TEXT")
  String text;

  @Option(names = "--quiet")
  boolean quiet;

  @Option(names = "--provider", paramLabel = "ADDR")
  String provider;

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    if (text == null || text.isEmpty()) return o.fail("the text is empty");
    return o.run(
        () -> {
          ComputeUserOptions.UserSide side = o.open();
          Address p =
              side.provider(provider, "embeddingsProvider", side.network().embeddingsProvider());
          try (UserReceiptStore store = UserReceiptStore.open(o.dataDir(), side.key().address());
              HttpClient http = ProviderClient.httpClient()) {
            ProviderClient client = ComputeUserOptions.client(side, p, store, http);
            if (client.service().type() != ServiceType.EMBEDDINGS)
              return o.fail("provider " + p.toHex() + " serves chat, not embeddings");
            String body =
                ComputeAskCommand.JSON
                    .createObjectNode()
                    .put("model", client.service().modelId())
                    .put("input", text)
                    .toString();
            ProviderClient.Answer a =
                client.send(
                    ProviderClient.EMBEDDINGS,
                    body.getBytes(StandardCharsets.UTF_8),
                    Optional.empty());
            JsonNode v = a.body().at("/data/0/embedding");
            if (quiet) {
              double norm = 0;
              for (JsonNode x : v) norm += x.asDouble() * x.asDouble();
              o.out()
                  .println(
                      v.size()
                          + " dimensions, norm "
                          + String.format(Locale.ROOT, "%.4f", Math.sqrt(norm))
                          + ", model "
                          + client.service().modelId());
            } else o.out().println(v.toString());
            o.out().flush();
            ComputeAskCommand.summary(o.err(), a.stored());
          }
          return 0;
        });
  }
}

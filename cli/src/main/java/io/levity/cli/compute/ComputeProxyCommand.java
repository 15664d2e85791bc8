package io.levity.cli.compute;

import io.levity.cli.storage.UntilStopped;
import io.levity.core.bytes.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code levity compute proxy}: a local OpenAI-compatible endpoint on 127.0.0.1 that signs every
 * request with the user's key and passes an answer on only once its receipt is verified; the
 * providers are those given with --provider, else the network file's chat and embeddings ones.
 */
@Command(name = "proxy")
public final class ComputeProxyCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT")
  int port = 8710;

  @Option(names = "--provider", paramLabel = "ADDR")
  List<String> providers = new ArrayList<>();

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) return o.fail("--port must be in 0..65535");
    return o.run(
        () -> {
          ComputeUserOptions.UserSide side = o.open();
          List<Address> chosen = new ArrayList<>();
          for (String p : providers) chosen.add(side.provider(p, "provider", Optional.empty()));
          if (chosen.isEmpty()) {
            side.network().chatProvider().ifPresent(chosen::add);
            side.network().embeddingsProvider().ifPresent(chosen::add);
          }
          if (chosen.isEmpty())
            return o.fail(
                "no --provider given and the compute network file names no chatProvider or"
                    + " embeddingsProvider");
          LocalProxy[] running = new LocalProxy[1];
          return UntilStopped.serve(
              "compute-proxy",
              () -> {
                if (running[0] != null) running[0].close();
              },
              () -> {
                running[0] = LocalProxy.start(side, chosen, o.dataDir(), port);
                o.out()
                    .println(
                        "compute proxy for "
                            + side.key().address().toHex()
                            + " on http://127.0.0.1:"
                            + running[0].port()
                            + "/v1 serving "
                            + String.join(", ", running[0].proxy().models().keySet()));
                o.out().flush();
              });
        });
  }
}

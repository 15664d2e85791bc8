package io.levity.cli.compute;

import io.levity.compute.client.StoredReceipt;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Address;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code levity compute receipts}: the user's stored receipts, one line each, with whether the
 * market has settled it yet (its nonce at or below the sub-account's settled nonce).
 */
@Command(name = "receipts")
public final class ComputeReceiptsCommand implements Callable<Integer> {
  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          ComputeUserOptions.UserSide side = o.open();
          Address user = side.key().address();
          List<StoredReceipt> all =
              UserReceiptStore.read(UserReceiptStore.fileFor(o.dataDir(), user));
          if (all.isEmpty()) {
            o.out().println("no receipts in " + UserReceiptStore.fileFor(o.dataDir(), user));
            o.out().flush();
            return 0;
          }
          Map<Address, Long> settled = new HashMap<>();
          o.out()
              .println(
                  String.format(
                      Locale.ROOT,
                      "%-6s %-42s %-16s %7s %7s %22s  %s",
                      "NONCE",
                      "PROVIDER",
                      "MODEL",
                      "IN",
                      "OUT",
                      "FEE (wei)",
                      "STATUS"));
          for (StoredReceipt r : all) {
            Address p = r.receipt().request().provider();
            long s =
                settled.computeIfAbsent(p, q -> side.market().subAccount(user, q).settledNonce());
            ServingResponseTerms t = r.receipt().response();
            String status =
                r.failedCheck()
                    .map(c -> "REJECTED (" + c + ")")
                    .orElse(r.nonce() <= s ? "settled" : "pending");
            o.out()
                .println(
                    String.format(
                        Locale.ROOT,
                        "%-6d %-42s %-16s %7d %7d %22s  %s",
                        r.nonce(),
                        p.toHex(),
                        r.model(),
                        t.inputTokens(),
                        t.outputTokens(),
                        t.fee(),
                        status));
          }
          o.out().flush();
          return 0;
        });
  }
}

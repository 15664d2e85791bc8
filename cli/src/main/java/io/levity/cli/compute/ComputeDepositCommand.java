package io.levity.cli.compute;

import io.levity.compute.inference.MarketState;
import io.levity.core.bytes.Address;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity compute deposit AMOUNT}: deposits AMOUNT into the market's ledger and funds the
 * provider's sub-account with it (the provider admits requests against that sub-account).
 */
@Command(name = "deposit")
public final class ComputeDepositCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "AMOUNT")
  String amount;

  @Option(names = "--provider", paramLabel = "ADDR")
  String provider;

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          BigInteger wei = WeiAmount.parse(amount);
          ComputeUserOptions.UserSide side = o.open();
          Address p = side.provider(provider, "chatProvider", side.network().chatProvider());
          if (side.market().provider(p).isEmpty())
            return o.fail("provider " + p.toHex() + " is not registered on the market");
          side.market().deposit(side.wallet(), wei);
          side.market().fund(side.wallet(), p, wei);
          MarketState.SubAccount sub = side.market().subAccount(side.key().address(), p);
          o.out()
              .println(
                  "deposited and funded "
                      + wei
                      + " wei for provider "
                      + p.toHex()
                      + "; sub-account balance "
                      + sub.balance()
                      + " wei");
          o.out().flush();
          return 0;
        });
  }
}

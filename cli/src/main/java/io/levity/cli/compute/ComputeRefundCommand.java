package io.levity.cli.compute;

import io.levity.compute.inference.MarketState;
import io.levity.core.bytes.Address;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import java.math.BigInteger;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code levity compute refund [AMOUNT]}: asks the market to return AMOUNT (default: the whole
 * sub-account) from the provider's sub-account after the refund lock; {@code --claim} claims it
 * once unlocked and says when it unlocks otherwise.
 */
@Command(name = "refund")
public final class ComputeRefundCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "AMOUNT")
  String amount;

  @Option(names = "--claim")
  boolean claim;

  @Option(names = "--provider", paramLabel = "ADDR")
  String provider;

  @Mixin ComputeUserOptions o;

  @Override
  public Integer call() {
    return o.run(
        () -> {
          ComputeUserOptions.UserSide side = o.open();
          Address p = side.provider(provider, "chatProvider", side.network().chatProvider());
          Address user = side.key().address();
          MarketState.SubAccount sub = side.market().subAccount(user, p);
          if (claim) {
            if (sub.refundPending().signum() == 0)
              return o.fail("no refund is pending with provider " + p.toHex());
            long now =
                side.market()
                    .rpc()
                    .getBlockByNumber(BlockTag.LATEST)
                    .map(EthBlock::timestamp)
                    .orElseThrow(() -> new IllegalStateException("the node returned no block"));
            if (now < sub.refundAt())
              return o.fail(
                  "the refund of "
                      + sub.refundPending()
                      + " wei unlocks at "
                      + Instant.ofEpochSecond(sub.refundAt())
                      + " (in "
                      + (sub.refundAt() - now)
                      + " s of chain time)");
            side.market().claimRefund(side.wallet(), p);
            o.out()
                .println(
                    "claimed "
                        + sub.refundPending()
                        + " wei from provider "
                        + p.toHex()
                        + "; it is in your market balance (withdrawable)");
            o.out().flush();
            return 0;
          }
          BigInteger wei = amount == null ? sub.balance() : WeiAmount.parse(amount);
          if (wei.signum() == 0)
            return o.fail("the sub-account with provider " + p.toHex() + " is empty");
          side.market().requestRefund(side.wallet(), p, wei);
          MarketState.SubAccount after = side.market().subAccount(user, p);
          o.out()
              .println(
                  "refund of "
                      + after.refundPending()
                      + " wei requested from provider "
                      + p.toHex()
                      + "; it unlocks at "
                      + Instant.ofEpochSecond(after.refundAt())
                      + ": then run 'levity compute refund --claim'");
          o.out().flush();
          return 0;
        });
  }
}

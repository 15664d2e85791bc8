package io.levity.compute.inference;

import static io.levity.compute.inference.MarketFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiCodec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Registration, updates, unbonding and the deploy-time parameters. */
class ProviderRegistryTest {
  private static final BigInteger ZERO = BigInteger.ZERO;
  private final MarketFixture f = new MarketFixture();

  private InferenceService with(
      String modelId, String endpoint, Address signer, BigInteger priceIn) {
    InferenceService s = f.service;
    return new InferenceService(
        s.type(), modelId, s.modelRoot(), priceIn, s.priceOut(), endpoint, signer, s.verifiable());
  }

  @Test
  void registrationChecksStakeTypeStringsAndSigner() {
    BigInteger stake = MarketFixture.PARAMS.minProviderStake();
    f.reverts(
        "StakeTooLow",
        f.provider,
        stake.subtract(BigInteger.ONE),
        InferenceMarketContract.REGISTER,
        f.service.abiValue());
    List<Object> badType = new ArrayList<>(f.service.abiValue());
    badType.set(0, 2);
    f.reverts("BadServiceType", f.provider, stake, InferenceMarketContract.REGISTER, badType);
    String long129 = "m".repeat(InferenceService.MAX_MODEL_ID + 1);
    InferenceService longId =
        with(long129, f.service.endpoint(), f.service.signer(), f.service.priceIn());
    assertThat(longId.withinLimits()).isFalse();
    f.reverts(
        "StringTooLong", f.provider, stake, InferenceMarketContract.REGISTER, longId.abiValue());
    String longUrl = "h".repeat(InferenceService.MAX_ENDPOINT + 1);
    f.reverts(
        "StringTooLong",
        f.provider,
        stake,
        InferenceMarketContract.REGISTER,
        with("m", longUrl, f.service.signer(), f.service.priceIn()).abiValue());
    f.reverts(
        "ZeroSigner",
        f.provider,
        stake,
        InferenceMarketContract.REGISTER,
        with("m", "e", Address.ZERO, f.service.priceIn()).abiValue());
    f.registerProvider();
    f.reverts(
        "AlreadyRegistered",
        f.provider,
        stake,
        InferenceMarketContract.REGISTER,
        f.service.abiValue());
    MarketState.Provider p =
        MarketState.Provider.fromAbi(
            f.view(InferenceMarketContract.SERVICE, f.provider.address()).tuple(0));
    assertThat(p.service()).isEqualTo(f.service);
    assertThat(p.stake()).isEqualTo(stake);
    f.reverts("NotRegistered", f.bob, ZERO, InferenceMarketContract.UPDATE, f.service.abiValue());
  }

  @Test
  void termsThatJudgeReceiptsAreLockedWhileBatchesArePending() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    BigInteger id = f.submit(ReceiptBatch.of(f.receipts(f.alice, 1, 2)));
    InferenceService cheaper =
        with(f.service.modelId(), f.service.endpoint(), f.service.signer(), BigInteger.ONE);
    f.reverts("TermsLocked", f.provider, ZERO, InferenceMarketContract.UPDATE, cheaper.abiValue());
    InferenceService moved =
        with("renamed", "http://10.0.0.1:9000", f.service.signer(), f.service.priceIn());
    f.ok(f.provider, ZERO, InferenceMarketContract.UPDATE, moved.abiValue());
    f.advance(MarketFixture.PARAMS.challengeWindow());
    f.ok(f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    f.ok(f.provider, ZERO, InferenceMarketContract.UPDATE, cheaper.abiValue());
  }

  @Test
  void anUnbondingProviderSettlesUntilThePeriodEndsThenWithdraws() {
    f.registerProvider();
    f.fundUser(f.alice, ETHER);
    f.reverts("NotUnbonding", f.provider, ZERO, InferenceMarketContract.WITHDRAW_STAKE);
    f.ok(f.provider, ETHER, InferenceMarketContract.ADD_STAKE);
    f.ok(f.provider, ZERO, InferenceMarketContract.UNBOND);
    f.reverts("ProviderUnbonding", f.provider, ZERO, InferenceMarketContract.UNBOND);
    f.reverts("ProviderUnbonding", f.provider, ETHER, InferenceMarketContract.ADD_STAKE);
    f.reverts(
        "ProviderUnbonding",
        f.provider,
        ZERO,
        InferenceMarketContract.UPDATE,
        f.service.abiValue());
    BigInteger id = f.submit(ReceiptBatch.of(f.receipts(f.alice, 1, 1)));
    f.reverts("StillBonded", f.provider, ZERO, InferenceMarketContract.WITHDRAW_STAKE);
    f.advance(MarketFixture.PARAMS.unbondingPeriod());
    assertThat(f.trySubmit(ReceiptBatch.of(f.receipts(f.alice, 2, 1))).error())
        .contains("ProviderUnbonding");
    f.reverts("TermsLocked", f.provider, ZERO, InferenceMarketContract.WITHDRAW_STAKE);
    f.ok(f.bob, ZERO, InferenceMarketContract.FINALIZE, id);
    BigInteger before = f.chain.balance(f.provider.address()).toBigInteger();
    f.ok(f.provider, ZERO, InferenceMarketContract.WITHDRAW_STAKE);
    assertThat(f.chain.balance(f.provider.address()).toBigInteger().subtract(before))
        .isEqualTo(MarketFixture.PARAMS.minProviderStake().add(ETHER));
    f.reverts("NotRegistered", f.provider, ZERO, InferenceMarketContract.UNBOND);
  }

  @Test
  void parametersAreStoredAndCheckedAtDeployment() {
    assertThat(f.view(InferenceMarketContract.PARAMETERS.get(10)).longValue(0)).isEqualTo(2500);
    assertThat(f.view(InferenceMarketContract.PARAMETERS.get(7)).longValue(0)).isEqualTo(2);
    MarketParameters p = MarketFixture.PARAMS;
    Bytes zeroThreshold =
        AbiCodec.encode(
            InferenceMarketContract.CONSTRUCTOR.inputs(),
            List.of(
                p.minProviderStake(),
                p.minAuditorStake(),
                p.challengeBond(),
                List.of(3600L, 3600L, 600L, 300L),
                0,
                5000,
                5000,
                0));
    InferenceChain.Outcome o =
        f.chain.tryDeploy(
            f.admin.address(), Bytes.concat(InferenceMarketContract.creationCode(), zeroThreshold));
    assertThat(o.error()).contains("BadParameters");
  }
}

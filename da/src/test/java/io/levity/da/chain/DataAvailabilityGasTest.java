package io.levity.da.chain;

import static io.levity.da.chain.DaFixture.ETHER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gas of register, checkDACert and certify on Levity's EVM for 4, 16 and 64 signers (all nodes of
 * the quorum sign), as a transaction or eth_call would report it (intrinsic cost included). The
 * figures are printed for the contract's README; the bounds catch a regression.
 */
class DataAvailabilityGasTest {
  record Figures(int signers, long registerFirst, long registerLast, long check, long certify) {}

  static Figures measure(int n) {
    DaFixture f = new DaFixture();
    long first = 0;
    long last = 0;
    for (int i = 0; i < n; i++) {
      long g = f.register(ETHER).gas();
      if (i == 0) first = g;
      last = g;
    }
    f.nextEpoch();
    DaCertificate c = f.certificate(DaFixture.blob("gas " + n), f.epoch(), DaFixture.range(0, n));
    assertThat(f.check(c)).isTrue();
    long check = f.checkFrom(DaFixture.operator(0), f.contract, c).gas();
    DaEvm.Outcome certify = f.certify(c);
    assertThat(certify.ok()).as(certify.describe()).isTrue();
    return new Figures(n, first, last, check, certify.gas());
  }

  @Test
  void gasOfRegisterCheckAndCertify() {
    List<Figures> all = new ArrayList<>();
    for (int n : new int[] {4, 16, 64}) all.add(measure(n));
    for (Figures g : all) {
      System.out.printf(
          "DataAvailability gas, %d signers: register %d (first) / %d (last), checkDACert %d,"
              + " certify %d%n",
          g.signers(), g.registerFirst(), g.registerLast(), g.check(), g.certify());
      assertThat(g.registerFirst()).isBetween(200_000L, 500_000L);
      assertThat(g.registerLast()).isBetween(200_000L, 500_000L);
      // One pairing (2 pairs) plus per signer a few cold slots and one ecAdd.
      assertThat(g.check()).isBetween(130_000L, 200_000L + 10_000L * g.signers());
      // certify = the check plus the record and the event.
      assertThat(g.certify()).isBetween(g.check(), g.check() + 80_000L);
    }
  }
}

package io.levity.execution.fork;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.evm.fork.EvmSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ForkTest {
  @Test
  void forksAreInChronologicalOrderWithFixtureNames() {
    assertThat(Arrays.stream(Fork.values()).map(Fork::fixtureName))
        .containsExactly(
            "Frontier",
            "Homestead",
            "EIP150",
            "EIP158",
            "Byzantium",
            "Constantinople",
            "ConstantinopleFix",
            "Istanbul",
            "Berlin",
            "London",
            "Paris",
            "Shanghai",
            "Cancun",
            "Levity");
    assertThat(Fork.latest()).isEqualTo(Fork.LEVITY);
    assertThat(Fork.LONDON.isAtLeast(Fork.BERLIN)).isTrue();
    assertThat(Fork.BERLIN.isAtLeast(Fork.LONDON)).isFalse();
  }

  @Test
  void lookupByFixtureNameEnumNameAndAlias() {
    assertThat(Fork.byName("ConstantinopleFix")).contains(Fork.CONSTANTINOPLE_FIX);
    assertThat(Fork.byName("constantinople_fix")).contains(Fork.CONSTANTINOPLE_FIX);
    assertThat(Fork.byName("Petersburg")).contains(Fork.CONSTANTINOPLE_FIX);
    assertThat(Fork.byName("SpuriousDragon")).contains(Fork.EIP158);
    assertThat(Fork.byName("TangerineWhistle")).contains(Fork.EIP150);
    assertThat(Fork.byName("Merge")).contains(Fork.PARIS);
    assertThat(Fork.byName("Prague")).isEmpty();
    assertThat(Fork.isNotImplemented("Prague")).isTrue();
    assertThat(Fork.isNotImplemented("Osaka")).isTrue();
    assertThat(Fork.isNotImplemented("Cancun")).isFalse();
    assertThat(Fork.isNotImplemented("Nonsense")).isFalse();
  }

  @Test
  void transactionRulesChangeOnlyWhereAForkSaysSo() {
    TransactionRules frontier = Fork.FRONTIER.transactionRules();
    assertThat(frontier.txCreateGas()).isEqualTo(21_000);
    assertThat(frontier.lowSRequired()).isFalse();
    assertThat(Fork.HOMESTEAD.transactionRules().txCreateGas()).isEqualTo(53_000);
    assertThat(Fork.HOMESTEAD.transactionRules().lowSRequired()).isTrue();
    assertThat(Fork.EIP150.transactionRules()).isEqualTo(Fork.HOMESTEAD.transactionRules());
    assertThat(Fork.EIP150.transactionRules().replayProtection()).isFalse();
    assertThat(Fork.EIP158.transactionRules().replayProtection()).isTrue();
    assertThat(Fork.CONSTANTINOPLE_FIX.transactionRules().dataNonZeroGas()).isEqualTo(68);
    assertThat(Fork.ISTANBUL.transactionRules().dataNonZeroGas()).isEqualTo(16);
    assertThat(Fork.BERLIN.transactionRules().accessListAddressGas()).isEqualTo(2_400);
    assertThat(Fork.BERLIN.transactionRules().accessListStorageKeyGas()).isEqualTo(1_900);
    assertThat(Fork.PARIS.transactionRules().hasInitcodeLimit()).isFalse();
    assertThat(Fork.SHANGHAI.transactionRules().maxInitcodeSize()).isEqualTo(49_152);
    assertThat(Fork.SHANGHAI.transactionRules().initcodeWordGas()).isEqualTo(2);
    assertThat(Fork.CANCUN.transactionRules().maxBlobsPerTransaction()).isEqualTo(6);
    assertThat(Fork.CANCUN.transactionRules().blobHashVersion()).isEqualTo(1);
  }

  @Test
  void levitysChainIsCancunPlusTheEd25519PrecompileAndCancunStaysEthereums() {
    Address ed25519 = Address.fromHex("0x000000000000000000000000000000000000ed25");
    EvmSpec cancun = Fork.CANCUN.evmSpec().orElseThrow();
    EvmSpec levity = Fork.LEVITY.evmSpec().orElseThrow();
    assertThat(cancun.precompiles().at(ed25519)).isNull();
    assertThat(cancun.precompiles().addresses()).doesNotContain(ed25519);
    assertThat(levity.precompiles().at(ed25519)).isNotNull();
    assertThat(levity.precompiles().addresses())
        .hasSize(cancun.precompiles().addresses().size() + 1);
    assertThat(Fork.LEVITY.transactionRules()).isEqualTo(Fork.CANCUN.transactionRules());
    assertThat(Fork.byName("Levity")).contains(Fork.LEVITY);
  }

  @Test
  void transactionTypesPerFork() {
    for (Fork f : Fork.values()) {
      TransactionRules r = f.transactionRules();
      assertThat(r.allowsType(0)).isTrue();
      assertThat(r.allowsType(1)).isEqualTo(f.isAtLeast(Fork.BERLIN));
      assertThat(r.allowsType(2)).isEqualTo(f.isAtLeast(Fork.LONDON));
      assertThat(r.allowsType(3)).isEqualTo(f.isAtLeast(Fork.CANCUN));
      assertThat(r.allowsType(4)).isFalse();
      assertThat(r.allowsType(-1)).isFalse();
    }
  }

  @Test
  void evmSpecsStartAtShanghaiAndCancunIsDerivedFromIt() {
    for (Fork f : Fork.values()) {
      assertThat(f.evmSpec().isPresent()).as(f.fixtureName()).isEqualTo(f.isAtLeast(Fork.SHANGHAI));
    }
    EvmSpec shanghai = Fork.SHANGHAI.evmSpec().orElseThrow();
    EvmSpec cancun = Fork.CANCUN.evmSpec().orElseThrow();
    assertThat(shanghai.name()).isEqualTo("Shanghai");
    assertThat(cancun.name()).isEqualTo("Cancun");
    // MCOPY, the point evaluation precompile and EIP-6780 arrive with Cancun
    assertThat(shanghai.operations().isDefined(0x5e)).isFalse();
    assertThat(cancun.operations().isDefined(0x5e)).isTrue();
    assertThat(shanghai.precompiles().addresses()).hasSize(9);
    assertThat(cancun.precompiles().addresses()).hasSize(10);
    assertThat(
            cancun.precompiles().at(Address.fromHex("0x000000000000000000000000000000000000000a")))
        .isNotNull();
    assertThat(shanghai.rules().selfdestructOnlyInSameTx()).isFalse();
    assertThat(cancun.rules().selfdestructOnlyInSameTx()).isTrue();
    // what Cancun does not change is Shanghai's
    assertThat(cancun.gas()).isEqualTo(shanghai.gas());
    assertThat(cancun.precompiles().at(1)).isSameAs(shanghai.precompiles().at(1));
  }
}

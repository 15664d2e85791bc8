package io.levity.node.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.crypto.Secp256k1;
import java.util.List;
import org.junit.jupiter.api.Test;

class DevAccountsTest {
  @Test
  void derivesTheWellKnownDevAccounts() {
    List<Secp256k1.KeyPair> keys = DevAccounts.dev(10);
    assertThat(keys).hasSize(10);
    assertThat(keys.get(0).address())
        .isEqualTo(Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    assertThat(keys.get(0).privateKey().toHex())
        .isEqualToIgnoringCase(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    assertThat(keys.get(1).address())
        .isEqualTo(Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    assertThat(keys.stream().map(Secp256k1.KeyPair::address).distinct()).hasSize(10);
  }

  @Test
  void aPassphraseChangesTheSeed() {
    assertThat(DevAccounts.seed(DevAccounts.DEV_MNEMONIC, "x"))
        .isNotEqualTo(DevAccounts.seed(DevAccounts.DEV_MNEMONIC, ""));
  }
}

package io.levity.inft;

import static io.levity.inft.InftFixture.ok;
import static io.levity.inft.InftFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.abi.AbiValues;
import org.junit.jupiter.api.Test;

/** Admission of oracle keys: attestation checked by an accepted checker, recorded, revocable. */
class OracleRegistryTest {
  final InftFixture f = new InftFixture();
  final Secp256k1.KeyPair second = InftFixture.key(9);

  private Bytes evidence(Secp256k1.KeyPair signer, Address registry) {
    return InftTypedData.sign(
        signer, InftTypedData.softwareAttestationHash(f.chain.chainId, registry, second.address()));
  }

  private InftChain.Receipt register(Secp256k1.KeyPair admin, Address checker, Bytes evidence) {
    return f.send(
        admin, f.registry, InftAbi.REGISTER_ORACLE.encodeCall(second.address(), checker, evidence));
  }

  private boolean isOracle(Address a) {
    return f.chain.view(f.registry, InftAbi.IS_ORACLE, a).bool(0);
  }

  @Test
  void aSoftwareAttestationIsRecordedWithNoMeasurement() {
    ok(f.registerOracle(second));
    assertThat(isOracle(second.address())).isTrue();
    AbiValues record = f.chain.view(f.registry, InftAbi.ORACLE_RECORD, second.address()).tuple(0);
    assertThat(record.address(0)).isEqualTo(f.software);
    assertThat(record.bytes32(1)).isEqualTo(Bytes32.ZERO);
    assertThat(record.bytes32(2)).isEqualTo(Keccak.hash(evidence(second, f.registry)));
    assertThat(record.longValue(3)).isEqualTo(f.chain.timestamp);
    assertThat(record.bool(4)).isTrue();
    reverts(f.registerOracle(second), "OracleAlreadyActive");
  }

  @Test
  void evidenceFromAnotherKeyOrRegistryIsRefused() {
    reverts(register(f.admin, f.software, evidence(f.carol, f.registry)), "KeyNotHeld");
    reverts(register(f.admin, f.software, evidence(second, f.nft)), "KeyNotHeld");
    assertThat(isOracle(second.address())).isFalse();
  }

  @Test
  void onlyTheAdminAdmitsAndOnlyThroughAcceptedCheckers() {
    reverts(register(f.carol, f.software, evidence(second, f.registry)), "NotAdmin");
    reverts(register(f.admin, f.nft, evidence(second, f.registry)), "CheckerNotAccepted");
    reverts(
        f.send(f.carol, f.registry, InftAbi.REVOKE_ORACLE.encodeCall(f.oracle.address())),
        "NotAdmin");
  }

  @Test
  void revokingAnOracleOrItsCheckerEndsItsAuthority() {
    ok(f.send(f.admin, f.registry, InftAbi.SET_CHECKER_ACCEPTED.encodeCall(f.software, false)));
    assertThat(isOracle(f.oracle.address())).isFalse();
    ok(f.send(f.admin, f.registry, InftAbi.SET_CHECKER_ACCEPTED.encodeCall(f.software, true)));
    assertThat(isOracle(f.oracle.address())).isTrue();
    ok(f.send(f.admin, f.registry, InftAbi.REVOKE_ORACLE.encodeCall(f.oracle.address())));
    assertThat(isOracle(f.oracle.address())).isFalse();
    reverts(
        f.send(f.admin, f.registry, InftAbi.REVOKE_ORACLE.encodeCall(f.oracle.address())),
        "OracleNotActive");
    ok(f.registerOracle(f.oracle));
    assertThat(isOracle(f.oracle.address())).isTrue();
  }
}

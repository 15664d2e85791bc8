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

  private boolean isOracle(Address a) {
    return f.chain.view(f.registry, InftAbi.IS_ORACLE, a).bool(0);
  }

  @Test
  void aSoftwareAttestationIsRecordedWithNoMeasurement() {
    Bytes evidence =
        InftTypedData.sign(
            second,
            InftTypedData.softwareAttestationHash(f.chain.chainId, f.registry, second.address()));
    ok(f.registerOracle(second));
    assertThat(isOracle(second.address())).isTrue();
    AbiValues record = f.chain.view(f.registry, InftAbi.ORACLE_RECORD, second.address()).tuple(0);
    assertThat(record.address(0)).isEqualTo(f.software);
    assertThat(record.bytes32(1)).isEqualTo(Bytes32.ZERO);
    assertThat(record.bytes32(2)).isEqualTo(Keccak.hash(evidence));
    assertThat(record.longValue(3)).isEqualTo(f.chain.timestamp);
    assertThat(record.bool(4)).isTrue();
    reverts(f.registerOracle(second), "OracleAlreadyActive");
  }

  @Test
  void evidenceFromAnotherKeyOrRegistryIsRefused() {
    Bytes byOther =
        InftTypedData.sign(
            f.carol,
            InftTypedData.softwareAttestationHash(f.chain.chainId, f.registry, second.address()));
    reverts(
        f.send(
            f.admin,
            f.registry,
            InftAbi.REGISTER_ORACLE.encodeCall(second.address(), f.software, byOther)),
        "KeyNotHeld");
    Bytes forOtherRegistry =
        InftTypedData.sign(
            second,
            InftTypedData.softwareAttestationHash(f.chain.chainId, f.nft, second.address()));
    reverts(
        f.send(
            f.admin,
            f.registry,
            InftAbi.REGISTER_ORACLE.encodeCall(second.address(), f.software, forOtherRegistry)),
        "KeyNotHeld");
    assertThat(isOracle(second.address())).isFalse();
  }

  @Test
  void onlyTheAdminAdmitsAndOnlyThroughAcceptedCheckers() {
    Bytes evidence =
        InftTypedData.sign(
            second,
            InftTypedData.softwareAttestationHash(f.chain.chainId, f.registry, second.address()));
    reverts(
        f.send(
            f.carol,
            f.registry,
            InftAbi.REGISTER_ORACLE.encodeCall(second.address(), f.software, evidence)),
        "NotAdmin");
    reverts(
        f.send(
            f.admin,
            f.registry,
            InftAbi.REGISTER_ORACLE.encodeCall(second.address(), f.nft, evidence)),
        "CheckerNotAccepted");
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

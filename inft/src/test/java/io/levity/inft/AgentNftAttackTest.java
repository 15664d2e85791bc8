package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static io.levity.inft.InftFixture.hashesOf;
import static io.levity.inft.InftFixture.ok;
import static io.levity.inft.InftFixture.reverts;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiFunction;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Every way to move, copy or change an agent without the proofs, each refused with its custom
 * error; the token stays where it was.
 */
class AgentNftAttackTest {
  final InftFixture f = new InftFixture();
  final BigInteger id = f.mint(f.alice, agentData("agent", 1), 500);

  private InftChain.Receipt transfer(ProofPlan plan) {
    return f.send(f.alice, f.nft, InftAbi.iTransfer(plan.binding.to(), id, plan.build()));
  }

  private void refused(ProofPlan plan, String error) {
    List<Bytes32> before = f.dataHashes(f.nft, id);
    reverts(transfer(plan), error);
    assertThat(f.ownerOf(id)).isEqualTo(f.alice.address());
    assertThat(f.dataHashes(f.nft, id)).isEqualTo(before);
  }

  /** An honest alice-to-bob plan with one thing changed is refused with {@code error}. */
  private void refusedWhen(String error, Consumer<ProofPlan> change) {
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    change.accept(plan);
    refused(plan, error);
  }

  @Test
  void aForgedOracleSignatureIsRefused() {
    refusedWhen("OracleNotRegistered", p -> p.oracle = f.carol); // not a registered oracle
  }

  @Test
  void aRevokedOracleSignsNothingMore() {
    ok(f.send(f.admin, f.registry, InftAbi.REVOKE_ORACLE.encodeCall(f.oracle.address())));
    refused(f.plan(id, f.alice, f.bob), "OracleNotRegistered");
  }

  @Test
  void aProofReplayedOnTheSameTokenIsRefused() {
    List<TransferValidityProof> proofs = f.plan(id, f.alice, f.bob).build();
    ok(f.send(f.alice, f.nft, InftAbi.iClone(f.bob.address(), id, proofs)));
    // The token still has the same data, so only the spent nonces stop a second clone.
    reverts(
        f.send(f.alice, f.nft, InftAbi.iClone(f.bob.address(), id, proofs)), "NonceAlreadyUsed");
  }

  @Test
  void aProofForAnotherTokenIsRefused() {
    BigInteger twin = f.mint(f.alice, agentData("agent", 1), 500); // the same data hash
    List<TransferValidityProof> proofs = f.plan(id, f.alice, f.bob).build();
    reverts(
        f.send(f.alice, f.nft, InftAbi.iTransfer(f.bob.address(), twin, proofs)),
        "OracleNotRegistered");
    assertThat(f.ownerOf(twin)).isEqualTo(f.alice.address());
  }

  @Test
  void aProofForAnotherContractIsRefused() {
    Address otherNft = f.deployNft();
    BigInteger twin = f.mint(otherNft, f.alice, agentData("agent", 1), 500);
    assertThat(twin).isEqualTo(id);
    List<TransferValidityProof> proofs = f.plan(id, f.alice, f.bob).build();
    reverts(
        f.send(f.alice, otherNft, InftAbi.iTransfer(f.bob.address(), twin, proofs)),
        "OracleNotRegistered");
  }

  @Test
  void aProofForAnotherChainIsRefused() {
    refusedWhen(
        "OracleNotRegistered",
        p ->
            p.binding =
                new TransferBinding(
                    f.chain.chainId + 1,
                    p.binding.nft(),
                    p.binding.tokenId(),
                    p.binding.from(),
                    p.binding.to()));
  }

  @Test
  void theVerifierCannotBeCalledDirectlyToSpendNonces() {
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    AbiFunction verify =
        AbiFunction.parse(
            "verifyTransferValidity(uint256,address,address," + InftAbi.PROOF + "[])");
    List<Object> proofs = plan.build().stream().map(p -> (Object) p.abiValue()).toList();
    reverts(
        f.send(
            f.carol, f.verifier, verify.encodeCall(id, f.alice.address(), f.bob.address(), proofs)),
        "CallerNotATokenContract");
  }

  @Test
  void aKeyOtherThanTheOneTheReceiverSignedForIsRefused() {
    // sealed to someone else
    refusedWhen("ReceiverKeyMismatch", p -> p.ownershipPubKey = Bytes.wrap(f.carol.publicKey()));
  }

  @Test
  void aKeyOtherThanTheReceiversPublishedOneIsRefused() {
    ok(
        f.send(
            f.bob, f.nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(Bytes.wrap(f.carol.publicKey()))));
    refused(f.plan(id, f.alice, f.bob), "ReceiverKeyMismatch");
  }

  @Test
  void anAssistantCannotChooseTheKeyOfAReceiverThatPublishedNone() {
    ok(f.send(f.bob, f.nft, InftAbi.DELEGATE_ACCESS.encodeCall(f.oracle.address())));
    refusedWhen("ReceiverKeyNotRegistered", p -> p.accessSigner = f.oracle);
  }

  @Test
  void accessSignedByAnyoneButTheReceiverOrItsAssistantIsRefused() {
    refusedWhen("AccessNotGranted", p -> p.accessSigner = f.carol);
  }

  @Test
  void aProofAgainstAStaleDataHashIsRefused() {
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    List<IntelligentData> v2 = agentData("agent v2", 1);
    ok(
        f.send(
            f.alice,
            f.nft,
            InftAbi.update(
                id,
                v2,
                f.dataProof(
                    f.nft, id, f.alice.address(), plan.oldHashes, hashesOf(v2), f.oracle))));
    refused(plan, "StaleDataHash");
  }

  @Test
  void anExpiredProofIsRefused() {
    refusedWhen("ProofExpired", p -> f.chain.timestamp = p.ownershipDeadline + 1);
  }

  @Test
  void anExpiredAccessProofIsRefused() {
    refusedWhen("ProofExpired", p -> p.accessDeadline = f.chain.timestamp - 1);
  }

  @Test
  void zeroKnowledgeProofsAreRefusedByName() {
    refusedWhen("ZkProofsNotSupported", p -> p.oracleType = OwnershipProof.ZKP);
  }

  @Test
  void halvesOfDifferentTransfersAreRefused() {
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    TransferValidityProof honest = plan.build().get(0);
    AccessProof a = honest.accessProof();
    AccessProof other =
        new AccessProof(
            a.oldDataHash(),
            InftFixture.hash("other"),
            a.nonce(),
            a.encryptedPubKey(),
            a.proof(),
            a.deadline());
    reverts(
        f.send(
            f.alice,
            f.nft,
            InftAbi.iTransfer(
                f.bob.address(),
                id,
                List.of(new TransferValidityProof(other, honest.ownershipProof())))),
        "ProofsDisagree");
  }

  @Test
  void aProofPerDataItemIsRequired() {
    reverts(
        f.send(f.alice, f.nft, InftAbi.iTransfer(f.bob.address(), id, List.of())),
        "ProofCountMismatch");
  }

  @Test
  void onlyTheOwnerOrAnApprovedOperatorMayTransfer() {
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    reverts(
        f.send(f.carol, f.nft, InftAbi.iTransfer(f.bob.address(), id, plan.build())),
        "NotOwnerNorApproved");
  }

  @Test
  void aPrivateTokenCannotMoveByPlainErc721Transfers() {
    reverts(
        f.send(
            f.alice,
            f.nft,
            InftAbi.TRANSFER_FROM.encodeCall(f.alice.address(), f.bob.address(), id)),
        "PrivateDataNeedsITransfer");
    reverts(
        f.send(
            f.alice,
            f.nft,
            InftAbi.SAFE_TRANSFER_FROM.encodeCall(f.alice.address(), f.bob.address(), id)),
        "PrivateDataNeedsITransfer");
    assertThat(f.ownerOf(id)).isEqualTo(f.alice.address());
  }

  @Test
  void onlyTheOwnerMayUpdateAndOnlyWithAFreshOracleStatement() {
    List<Bytes32> old = f.dataHashes(f.nft, id);
    List<IntelligentData> v2 = agentData("agent v2", 1);
    DataProof forBob = f.dataProof(f.nft, id, f.bob.address(), old, hashesOf(v2), f.oracle);
    reverts(f.send(f.bob, f.nft, InftAbi.update(id, v2, forBob)), "NotTokenOwner");

    DataProof forged = f.dataProof(f.nft, id, f.alice.address(), old, hashesOf(v2), f.carol);
    reverts(f.send(f.alice, f.nft, InftAbi.update(id, v2, forged)), "OracleNotRegistered");

    DataProof honest = f.dataProof(f.nft, id, f.alice.address(), old, hashesOf(v2), f.oracle);
    ok(f.send(f.alice, f.nft, InftAbi.update(id, v2, honest)));
    List<IntelligentData> v3 = agentData("agent v3", 1);
    // The statement covered v1 -> v2: it says nothing about v3, and its nonce is spent.
    reverts(f.send(f.alice, f.nft, InftAbi.update(id, v3, honest)), "OracleNotRegistered");
    reverts(f.send(f.alice, f.nft, InftAbi.update(id, v2, honest)), "OracleNotRegistered");
    assertThat(f.dataHashes(f.nft, id)).containsExactlyElementsOf(hashesOf(v2));
  }

  @Test
  void aMintStatementIsUsedOnceAndOnlyByItsMinter() {
    List<IntelligentData> datas = agentData("minted once", 1);
    DataProof proof =
        f.dataProof(f.nft, BigInteger.ZERO, f.bob.address(), List.of(), hashesOf(datas), f.oracle);
    ok(f.send(f.bob, f.nft, InftAbi.mint(datas, 0, proof)));
    reverts(f.send(f.bob, f.nft, InftAbi.mint(datas, 0, proof)), "NonceAlreadyUsed");
    reverts(f.send(f.carol, f.nft, InftAbi.mint(datas, 0, proof)), "OracleNotRegistered");
  }

  @Test
  void onlyTheOwnerGrantsOrRevokesUsage() {
    reverts(
        f.send(f.bob, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.bob.address())),
        "NotTokenOwner");
    assertThat((Boolean) f.view(InftAbi.IS_AUTHORIZED_USER, id, f.bob.address())).isFalse();
    ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())));
    reverts(
        f.send(f.carol, f.nft, InftAbi.REVOKE_AUTHORIZATION.encodeCall(id, f.carol.address())),
        "NotTokenOwner");
    reverts(
        f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())),
        "UserAlreadyAuthorized");
    reverts(
        f.send(f.alice, f.nft, InftAbi.REVOKE_AUTHORIZATION.encodeCall(id, f.bob.address())),
        "UserNotAuthorized");
    reverts(
        f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(BigInteger.TEN, f.bob.address())),
        "TokenDoesNotExist");
  }
}

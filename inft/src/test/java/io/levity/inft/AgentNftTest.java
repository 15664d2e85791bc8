package io.levity.inft;

import static io.levity.inft.InftFixture.agentData;
import static io.levity.inft.InftFixture.hashesOf;
import static io.levity.inft.InftFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.evm.Log;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AgentNFT's honest paths on Levity's EVM: mint, iTransfer, iClone, usage, updates, royalty.
 */
class AgentNftTest {
  final InftFixture f = new InftFixture();

  static Log log(InftChain.Receipt r, AbiEvent e) {
    for (Log log : r.logs())
      if (!log.topics().isEmpty() && log.topics().get(0).equals(e.topic())) return log;
    throw new AssertionError("no " + e.name() + " log");
  }

  static AbiValues event(InftChain.Receipt r, AbiEvent e) {
    Log log = log(r, e);
    return e.decode(log.topics(), log.data());
  }

  @Test
  void mintNeedsAnOracleStatementAndRecordsTheCreator() {
    List<IntelligentData> datas = agentData("agent", 2);
    BigInteger id = f.mint(f.alice, datas, 500);
    assertThat(id).isEqualTo(BigInteger.ONE);
    assertThat(f.ownerOf(id)).isEqualTo(f.alice.address());
    assertThat(f.dataHashes(f.nft, id)).containsExactlyElementsOf(hashesOf(datas));
    assertThat(f.history(id)).containsExactlyElementsOf(hashesOf(datas));
    assertThat(
            InftAbi.decodeIntelligentData(
                f.chain
                    .call(f.bob.address(), f.nft, InftAbi.INTELLIGENT_DATA_OF.encodeCall(id))
                    .output()))
        .containsExactlyElementsOf(datas);
    assertThat((Address) f.view(InftAbi.CREATOR_OF, id)).isEqualTo(f.alice.address());
    assertThat((BigInteger) f.view(InftAbi.BALANCE_OF, f.alice.address())).isEqualTo(1);
    assertThat((BigInteger) f.view(InftAbi.PARENT_OF, id)).isZero();
  }

  @Test
  void iTransferMovesOwnershipAndReKeysTheDataForTheReceiver() {
    BigInteger id = f.mint(f.alice, agentData("agent", 2), 500);
    ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())));
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    List<TransferValidityProof> proofs = plan.build();

    InftChain.Receipt r =
        ok(f.send(f.alice, f.nft, InftAbi.iTransfer(f.bob.address(), id, proofs)));

    assertThat(f.ownerOf(id)).isEqualTo(f.bob.address());
    assertThat(f.dataHashes(f.nft, id)).containsExactlyElementsOf(plan.newHashes);
    List<Bytes32> history = new ArrayList<>(plan.oldHashes);
    history.addAll(plan.newHashes);
    assertThat(f.history(id)).containsExactlyElementsOf(history);
    Log published = log(r, InftAbi.PUBLISHED_SEALED_KEY);
    assertThat(InftAbi.decodeSealedKeys(published.topics(), published.data()))
        .containsExactly(ProofPlan.sealedKey(0), ProofPlan.sealedKey(1));
    // The new owner starts with no authorized users; the nonces are spent for good.
    assertThat(f.chain.view(f.nft, InftAbi.AUTHORIZED_USERS_OF, id).list(0)).isEmpty();
    Bytes32 ownershipType = InftTypedData.typeHash(InftTypedData.OWNERSHIP_TYPE);
    assertThat(
            f.chain
                .view(
                    f.verifier,
                    InftAbi.IS_NONCE_USED,
                    f.oracle.address(),
                    ownershipType,
                    proofs.get(0).ownershipProof().nonce())
                .bool(0))
        .isTrue();
    assertThat((BigInteger) f.view(InftAbi.BALANCE_OF, f.alice.address())).isZero();
  }

  @Test
  void iCloneGivesTheReceiverAReKeyedCopyThatRecordsItsParentAndCreator() {
    BigInteger id = f.mint(f.alice, agentData("agent", 1), 750);
    ProofPlan plan = f.plan(id, f.alice, f.bob);
    InftChain.Receipt r =
        ok(f.send(f.alice, f.nft, InftAbi.iClone(f.bob.address(), id, plan.build())));
    BigInteger clone = InftAbi.I_CLONE.decodeReturn(r.output()).bigInteger(0);

    assertThat(clone).isEqualTo(2);
    assertThat(f.ownerOf(clone)).isEqualTo(f.bob.address());
    assertThat(f.ownerOf(id)).isEqualTo(f.alice.address());
    assertThat(f.dataHashes(f.nft, id)).containsExactlyElementsOf(plan.oldHashes);
    assertThat(f.dataHashes(f.nft, clone)).containsExactlyElementsOf(plan.newHashes);
    assertThat((BigInteger) f.view(InftAbi.PARENT_OF, clone)).isEqualTo(id);
    assertThat((Address) f.view(InftAbi.CREATOR_OF, clone)).isEqualTo(f.alice.address());
    AbiValues royalty =
        f.chain.view(f.nft, InftAbi.ROYALTY_INFO, clone, BigInteger.valueOf(1_000_000));
    assertThat(royalty.address(0)).isEqualTo(f.alice.address());
    assertThat(royalty.bigInteger(1)).isEqualTo(75_000);
    AbiValues cloned = event(r, InftAbi.CLONED);
    assertThat(cloned.bigInteger(1)).isEqualTo(clone);
    assertThat(event(r, InftAbi.PUBLISHED_SEALED_KEY).bigInteger(1)).isEqualTo(clone);
  }

  @Test
  void aDelegatedAssistantSignsAccessForAReceiverThatPublishedItsKey() {
    BigInteger id = f.mint(f.alice, agentData("agent", 1), 0);
    Bytes bobKey = Bytes.wrap(f.bob.publicKey());
    ok(f.send(f.bob, f.nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(bobKey)));
    ok(f.send(f.bob, f.nft, InftAbi.DELEGATE_ACCESS.encodeCall(f.oracle.address())));
    assertThat((Address) f.view(InftAbi.GET_DELEGATE_ACCESS, f.bob.address()))
        .isEqualTo(f.oracle.address());
    assertThat((Bytes) f.view(InftAbi.ENCRYPTION_KEY_OF, f.bob.address())).isEqualTo(bobKey);

    ProofPlan plan = f.plan(id, f.alice, f.bob);
    plan.accessSigner = f.oracle; // bob signs nothing: its assistant does
    ok(f.send(f.alice, f.nft, InftAbi.iTransfer(f.bob.address(), id, plan.build())));
    assertThat(f.ownerOf(id)).isEqualTo(f.bob.address());
  }

  @Test
  void theOwnerAuthorizesAndRevokesUsage() {
    BigInteger id = f.mint(f.alice, agentData("agent", 1), 0);
    ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.carol.address())));
    ok(f.send(f.alice, f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, f.bob.address())));
    assertThat(f.chain.view(f.nft, InftAbi.AUTHORIZED_USERS_OF, id).list(0))
        .containsExactly(f.carol.address(), f.bob.address());
    assertThat((Boolean) f.view(InftAbi.IS_AUTHORIZED_USER, id, f.carol.address())).isTrue();

    ok(f.send(f.alice, f.nft, InftAbi.REVOKE_AUTHORIZATION.encodeCall(id, f.carol.address())));
    assertThat((Boolean) f.view(InftAbi.IS_AUTHORIZED_USER, id, f.carol.address())).isFalse();
    assertThat(f.chain.view(f.nft, InftAbi.AUTHORIZED_USERS_OF, id).list(0))
        .containsExactly(f.bob.address());
  }

  @Test
  void anUpdateKeepsTheHistoryOfDataHashes() {
    List<IntelligentData> v1 = agentData("agent v1", 1);
    BigInteger id = f.mint(f.alice, v1, 0);
    List<IntelligentData> v2 = agentData("agent v2", 2);
    DataProof proof =
        f.dataProof(f.nft, id, f.alice.address(), hashesOf(v1), hashesOf(v2), f.oracle);

    InftChain.Receipt r = ok(f.send(f.alice, f.nft, InftAbi.update(id, v2, proof)));

    assertThat(f.dataHashes(f.nft, id)).containsExactlyElementsOf(hashesOf(v2));
    List<Bytes32> history = new ArrayList<>(hashesOf(v1));
    history.addAll(hashesOf(v2));
    assertThat(f.history(id)).containsExactlyElementsOf(history);
    AbiValues updated = event(r, InftAbi.UPDATED);
    assertThat(InftFixture.words(updated.list(1))).containsExactlyElementsOf(hashesOf(v1));
    assertThat(InftFixture.words(updated.list(2))).containsExactlyElementsOf(hashesOf(v2));
  }

  @Test
  void royaltiesFollowErc2981AndAreCapped() {
    BigInteger id = f.mint(f.alice, agentData("agent", 1), 1000);
    AbiValues royalty =
        f.chain.view(f.nft, InftAbi.ROYALTY_INFO, id, BigInteger.TEN.pow(18).add(BigInteger.ONE));
    assertThat(royalty.address(0)).isEqualTo(f.alice.address());
    assertThat(royalty.bigInteger(1)).isEqualTo(BigInteger.TEN.pow(17)); // rounds down
    InftFixture.reverts(f.tryMint(f.nft, f.alice, agentData("greedy", 1), 1001), "RoyaltyTooHigh");
  }

  @Test
  void aTokenWithoutPrivateDataMovesLikeAnyErc721() {
    BigInteger id = f.mint(f.alice, List.of(), 0);
    ok(
        f.send(
            f.alice,
            f.nft,
            InftAbi.SAFE_TRANSFER_FROM.encodeCall(f.alice.address(), f.bob.address(), id)));
    assertThat(f.ownerOf(id)).isEqualTo(f.bob.address());
  }

  @Test
  void supportsErc165Erc721Erc2981AndErc7857() {
    for (String id : List.of("01ffc9a7", "80ac58cd", "2a55205a"))
      assertThat((Boolean) f.view(InftAbi.SUPPORTS_INTERFACE, Bytes.fromHex("0x" + id))).isTrue();
    // ERC-7857's interface id: the XOR of its functions' selectors.
    byte[] erc7857 = new byte[4];
    for (AbiFunction fn :
        List.of(
            AbiFunction.parse("verifier()"),
            InftAbi.I_TRANSFER,
            InftAbi.I_CLONE,
            InftAbi.AUTHORIZE_USAGE,
            InftAbi.REVOKE_AUTHORIZATION,
            InftAbi.DELEGATE_ACCESS,
            InftAbi.AUTHORIZED_USERS_OF,
            InftAbi.GET_DELEGATE_ACCESS))
      for (int i = 0; i < 4; i++) erc7857[i] ^= fn.selector().toArray()[i];
    assertThat((Boolean) f.view(InftAbi.SUPPORTS_INTERFACE, Bytes.wrap(erc7857))).isTrue();
    assertThat((Boolean) f.view(InftAbi.SUPPORTS_INTERFACE, Bytes.fromHex("0xffffffff"))).isFalse();
  }
}

package io.levity.inft;

import static io.levity.inft.InftFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Sha256;
import io.levity.core.num.UInt256;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.oracle.MarketListing;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleRequest.Action;
import io.levity.inft.oracle.OracleResponses;
import io.levity.inft.oracle.RocksDbOracleKeystore;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The oracle core against the real contracts on the in-process EVM. */
class ReEncryptionOracleTest {
  private static final byte[] AGENT =
      "weights and prompts of a trading agent".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private OracleHarness h;
  private Secp256k1.KeyPair alice;
  private Secp256k1.KeyPair bob;
  private Secp256k1.KeyPair carol;

  @BeforeEach
  void setUp() throws Exception {
    h = new OracleHarness(dir);
    alice = h.f.alice;
    bob = h.f.bob;
    carol = h.f.carol;
    for (Secp256k1.KeyPair k : List.of(alice, bob, carol)) h.register(k, true);
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static void refused(ThrowingCallable call, OracleError error, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OracleException.class, e -> assertThat(e.error()).isEqualTo(error))
        .hasMessageContaining(message);
  }

  @Test
  void ownershipMovesWithTheKeyAndPreviousOwnersLoseAccess() throws Exception {
    BigInteger id = h.mint(alice, AGENT);
    assertThat(h.open(alice, id)).isEqualTo(AGENT);
    Bytes32 minted = h.f.dataHashes(h.f.nft, id).get(0);
    byte[] aliceKey = h.keystore.key(minted).orElseThrow();

    ok(h.move(false, alice, id, bob));
    assertThat(h.f.ownerOf(id)).isEqualTo(bob.address());
    Bytes32 current = h.f.dataHashes(h.f.nft, id).get(0);
    assertThat(current).isNotEqualTo(minted);
    assertThat(h.open(bob, id)).isEqualTo(AGENT);
    refused(() -> h.open(alice, id), OracleError.NOT_OWNER, "does not own token " + id);
    // Alice kept her key: it does not open the current ciphertext.
    assertThatThrownBy(() -> Aead.open(aliceKey, h.store.download(current), null))
        .isInstanceOf(DecryptionException.class);

    InftChain.Receipt cloned = ok(h.move(true, bob, id, carol));
    BigInteger clone = InftAbi.I_CLONE.decodeReturn(cloned.output()).bigInteger(0);
    assertThat(h.open(carol, clone)).isEqualTo(AGENT);
    assertThat(h.open(bob, id)).as("a clone leaves the source with its owner").isEqualTo(AGENT);
    refused(() -> h.open(bob, clone), OracleError.NOT_OWNER, "does not own");
    assertThat(h.f.dataHashes(h.f.nft, clone)).doesNotContain(current);
  }

  @Test
  void theSealedKeyPublishedOnChainOpensTheNewCiphertextForTheReceiverOnly() throws Exception {
    BigInteger id = h.mint(alice, AGENT);
    OracleResponses.Transfer t =
        h.oracle.transfer(h.request(Action.TRANSFER, alice, id, bob.address()));
    assertThat(t.accessSigned()).isTrue();
    ok(h.f.send(alice, h.f.nft, InftAbi.iTransfer(bob.address(), id, t.proofs())));
    byte[] sealed = t.proofs().get(0).ownershipProof().sealedKey().toArray();
    byte[] key = EciesBox.open(OracleHarness.encryption(bob), sealed);
    Bytes32 root = t.proofs().get(0).ownershipProof().newDataHash();
    assertThat(Aead.open(key, h.store.download(root), null)).isEqualTo(AGENT);
    assertThatThrownBy(() -> EciesBox.open(OracleHarness.encryption(alice), sealed))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void aReceiverThatDidNotDelegateSignsItsAccessProofItself() {
    Secp256k1.KeyPair dave = InftFixture.key(9);
    h.f.chain.fund(dave.address(), UInt256.valueOf(BigInteger.TEN.pow(20)));
    h.register(dave, false);
    BigInteger id = h.mint(alice, AGENT);
    OracleResponses.Transfer t =
        h.oracle.transfer(h.request(Action.TRANSFER, alice, id, dave.address()));
    assertThat(t.accessSigned()).isFalse();
    InftFixture.reverts(
        h.f.send(alice, h.f.nft, InftAbi.iTransfer(dave.address(), id, t.proofs())),
        "MalformedSignature");
    TransferBinding b =
        new TransferBinding(h.f.chain.chainId, h.f.nft, id, alice.address(), dave.address());
    TransferValidityProof p = t.proofs().get(0);
    AccessProof signed =
        p.accessProof()
            .withProof(
                InftTypedData.sign(
                    dave,
                    InftTypedData.accessDigest(
                        b, p.accessProof(), p.ownershipProof().sealedKey())));
    ok(
        h.f.send(
            alice,
            h.f.nft,
            InftAbi.iTransfer(
                dave.address(),
                id,
                List.of(new TransferValidityProof(signed, p.ownershipProof())))));
  }

  @Test
  void proofsOutliveAChainClockRunningAheadOfTheOracles() {
    BigInteger id = h.mint(alice, AGENT);
    h.clockLagSeconds = 1_000; // the chain is 1,000 s ahead; proofs live 600 s
    ok(h.move(false, alice, id, bob));
    assertThat(h.f.ownerOf(id)).isEqualTo(bob.address());
  }

  @Test
  void anApprovedOperatorMayAskForATransfer() {
    BigInteger id = h.mint(alice, AGENT);
    refused(
        () -> h.oracle.transfer(h.request(Action.TRANSFER, carol, id, bob.address())),
        OracleError.NOT_OWNER,
        "neither the owner");
    ok(h.f.send(alice, h.f.nft, InftAbi.APPROVE.encodeCall(carol.address(), id)));
    ok(h.move(false, carol, id, bob));
    assertThat(h.f.ownerOf(id)).isEqualTo(bob.address());
  }

  @Test
  void aBuyerGetsProofsAgainstTheSellersListingAndTheMarketSettles() throws Exception {
    BigInteger id = h.mint(alice, AGENT);
    BigInteger price = BigInteger.TEN.pow(18);
    MarketOrder listing = h.f.order(alice, id, price, Address.ZERO, 1);
    MarketListing signed = new MarketListing(listing, h.f.signOrder(alice, listing, true));
    OracleRequest ask = buyRequest(bob, id, signed);
    refused(
        () -> h.oracle.transfer(ask), OracleError.NOT_OWNER, "not made the market its operator");
    ok(h.f.send(alice, h.f.nft, InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(h.f.market, true)));
    MarketListing forged = new MarketListing(listing, h.f.signOrder(carol, listing, true));
    refused(
        () -> h.oracle.transfer(buyRequest(bob, id, forged)),
        OracleError.NOT_OWNER,
        "not signed by the owner");
    MarketOrder toCarol = h.f.order(alice, id, price, carol.address(), 2);
    MarketListing directed = new MarketListing(toCarol, h.f.signOrder(alice, toCarol, true));
    refused(
        () -> h.oracle.transfer(buyRequest(bob, id, directed)),
        OracleError.NOT_OWNER,
        "directed to " + carol.address());
    OracleResponses.Transfer t = h.oracle.transfer(buyRequest(bob, id, signed));
    ok(
        h.f.chain.call(
            bob.address(),
            h.f.market,
            UInt256.valueOf(price),
            InftAbi.buy(listing, signed.signature(), t.proofs())));
    assertThat(h.f.ownerOf(id)).isEqualTo(bob.address());
    assertThat(h.open(bob, id)).isEqualTo(AGENT);
    refused(() -> h.open(alice, id), OracleError.NOT_OWNER, "does not own");
  }

  private OracleRequest buyRequest(Secp256k1.KeyPair buyer, BigInteger id, MarketListing l) {
    return OracleRequest.of(
            Action.TRANSFER,
            buyer,
            id,
            buyer.address(),
            List.of(),
            List.of(),
            l.encode(),
            Bytes32.wrap32(h.nonce()),
            h.f.chain.timestamp + 300)
        .signedBy(buyer, h.f.chain.chainId, h.f.nft);
  }

  @Test
  void updateNeedsTheOwnerAndKeepsTheHistory() throws Exception {
    BigInteger id = h.mint(alice, AGENT);
    byte[] v2 = "version 2".getBytes(StandardCharsets.UTF_8);
    refused(
        () -> h.oracle.store(h.storeRequest(bob, id, v2)), OracleError.NOT_OWNER, "does not own");
    OracleResponses.Stored s = h.oracle.store(h.storeRequest(alice, id, v2));
    ok(
        h.f.send(
            alice,
            h.f.nft,
            InftAbi.update(
                id, List.of(new IntelligentData("v2", s.dataHashes().get(0))), s.proof())));
    assertThat(h.open(alice, id)).isEqualTo(v2);
    assertThat(h.f.history(id)).hasSize(2);
  }

  @Test
  void usageRunsForTheOwnerAndAuthorizedUsersWithoutTheKey() {
    BigInteger id = h.mint(alice, AGENT);
    refused(
        () -> h.oracle.use(h.request(Action.USE, bob, id, Address.ZERO)),
        OracleError.NOT_AUTHORIZED,
        "nor authorized");
    ok(h.f.send(alice, h.f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, bob.address())));
    OracleResponses.Usage u = h.oracle.use(h.request(Action.USE, bob, id, Address.ZERO));
    Bytes expected =
        Bytes.wrap(ByteBuffer.allocate(40).putLong(AGENT.length).put(Sha256.hash(AGENT)).array());
    assertThat(u.output()).isEqualTo(expected);
    refused(
        () -> h.oracle.open(h.request(Action.OPEN, bob, id, Address.ZERO)),
        OracleError.NOT_OWNER,
        "does not own");
  }

  @Test
  void requestsAreSignedFreshAndUsedOnce() {
    BigInteger id = h.mint(alice, AGENT);
    OracleRequest r = h.request(Action.OPEN, alice, id, Address.ZERO);
    h.oracle.open(r);
    refused(() -> h.oracle.open(r), OracleError.NONCE_REUSED, "already used");
    OracleRequest forged = openBy(alice, id, 1, h.f.chain.timestamp + 60, bob, h.f.chain.chainId);
    refused(() -> h.oracle.open(forged), OracleError.BAD_SIGNATURE, "signed by " + bob.address());
    OracleRequest otherChain =
        openBy(alice, id, 2, h.f.chain.timestamp + 60, alice, h.f.chain.chainId + 1);
    refused(() -> h.oracle.open(otherChain), OracleError.BAD_SIGNATURE, "signed by");
    OracleRequest expired = openBy(alice, id, 3, h.f.chain.timestamp - 1, alice, h.f.chain.chainId);
    refused(() -> h.oracle.open(expired), OracleError.EXPIRED, "expired");
    OracleRequest far =
        openBy(alice, id, 4, h.f.chain.timestamp + 86_400, alice, h.f.chain.chainId);
    refused(() -> h.oracle.open(far), OracleError.DEADLINE_TOO_FAR, "ahead");
    refused(
        () -> h.oracle.transfer(h.request(Action.OPEN, alice, id, bob.address())),
        OracleError.BAD_REQUEST,
        "does not take OPEN");
  }

  /**
   * An OPEN naming {@code named}, nonce {@code n}, signed by {@code signer} for {@code chainId}.
   */
  private OracleRequest openBy(
      Secp256k1.KeyPair named,
      BigInteger id,
      int n,
      long deadline,
      Secp256k1.KeyPair signer,
      long chainId) {
    return OracleRequest.of(
            Action.OPEN,
            named,
            id,
            Address.ZERO,
            List.of(),
            List.of(),
            Bytes.EMPTY,
            Bytes32.leftPad(Bytes.of((byte) n)),
            deadline)
        .signedBy(signer, chainId, h.f.nft);
  }

  @Test
  void storeChecksTheKeyOpensTheStoredCiphertext() {
    byte[] key = h.aead.newKey();
    Bytes32 root = h.store.upload(h.aead.seal(key, AGENT, null));
    Bytes toBob =
        Bytes.wrap(h.ecies.seal(OracleHarness.encryption(bob).publicKey().toArray(), key));
    refused(
        () ->
            h.oracle.store(
                h.request(
                    Action.MINT,
                    alice,
                    BigInteger.ZERO,
                    Address.ZERO,
                    List.of(root),
                    List.of(toBob))),
        OracleError.BAD_SEALED_KEY,
        "not sealed to this oracle");
    Bytes wrongKey =
        Bytes.wrap(h.ecies.seal(h.oracleEncryption.publicKey().toArray(), h.aead.newKey()));
    refused(
        () ->
            h.oracle.store(
                h.request(
                    Action.MINT,
                    alice,
                    BigInteger.ZERO,
                    Address.ZERO,
                    List.of(root),
                    List.of(wrongKey))),
        OracleError.DATA_DOES_NOT_DECRYPT,
        "does not decrypt");
    Bytes good = Bytes.wrap(h.ecies.seal(h.oracleEncryption.publicKey().toArray(), key));
    Bytes32 missing = InftFixture.hash("never uploaded");
    refused(
        () ->
            h.oracle.store(
                h.request(
                    Action.MINT,
                    alice,
                    BigInteger.ZERO,
                    Address.ZERO,
                    List.of(missing),
                    List.of(good))),
        OracleError.DATA_NOT_STORED,
        "no file");
    refused(
        () ->
            h.oracle.store(
                h.request(
                    Action.MINT, alice, BigInteger.ZERO, Address.ZERO, List.of(root), List.of())),
        OracleError.BAD_REQUEST,
        "one sealed key per root");
  }

  @Test
  void transfersNeedAPublishedReceiverKeyAndAToken() {
    BigInteger id = h.mint(alice, AGENT);
    Address stranger = Address.fromHex("0x00000000000000000000000000000000000000aa");
    refused(
        () -> h.oracle.transfer(h.request(Action.TRANSFER, alice, id, stranger)),
        OracleError.RECEIVER_KEY_NOT_PUBLISHED,
        "has not published");
    refused(
        () ->
            h.oracle.transfer(
                h.request(Action.TRANSFER, alice, BigInteger.valueOf(99), bob.address())),
        OracleError.NO_SUCH_TOKEN,
        "no token 99");
  }

  @Test
  void theKeystoreSurvivesARestartAndHoldsNoPlainKey() throws Exception {
    BigInteger id = h.mint(alice, AGENT);
    Bytes32 root = h.f.dataHashes(h.f.nft, id).get(0);
    byte[] key = h.keystore.key(root).orElseThrow();
    OracleRequest spent = h.request(Action.OPEN, alice, id, Address.ZERO);
    h.oracle.open(spent);
    h.close();
    byte[] everything = readAll(dir.resolve("keystore"));
    assertThat(indexOf(everything, key)).as("the data key is stored wrapped").isEqualTo(-1);
    byte[] wrapKey = RocksDbOracleKeystore.wrapKeyOf(h.f.oracle);
    try (var again =
        RocksDbOracleKeystore.open(dir.resolve("keystore"), wrapKey, OracleHarness.RANDOM)) {
      assertThat(again.key(root)).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
      assertThat(again.spendNonce(alice.address(), spent.nonce())).as("kept").isFalse();
    }
    try (var other =
        RocksDbOracleKeystore.open(
            dir.resolve("keystore"), h.aead.newKey(), OracleHarness.RANDOM)) {
      assertThatThrownBy(() -> other.key(root))
          .isInstanceOf(OracleException.class)
          .hasMessageContaining("does not open");
    }
    h = new OracleHarness(dir);
  }

  private static byte[] readAll(Path d) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var files = java.nio.file.Files.walk(d)) {
      for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList())
        out.write(java.nio.file.Files.readAllBytes(p));
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}

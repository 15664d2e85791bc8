package io.levity.inft;

import static io.levity.inft.InftFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.oracle.AgentExecutors;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleRequest.Action;
import io.levity.inft.oracle.OracleResponses;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXECUTE, the oracle's half of agents as a service: an authorized user has the agent's plaintext
 * sealed to an admitted executor (a provider), never to itself. Each refusal below is a check that,
 * removed, would let the data go where it should not (or a stale version be served).
 */
class AgentExecutionTest {
  private static final byte[] AGENT =
      "You are a terse pirate. Answer in one line.".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private OracleHarness h;
  private Secp256k1.KeyPair alice;
  private Secp256k1.KeyPair bob;
  private Secp256k1.KeyPair carol;
  private final Secp256k1.KeyPair executor = OracleHarness.EXECUTOR;
  private BigInteger id;

  @BeforeEach
  void setUp() throws Exception {
    h = new OracleHarness(dir);
    alice = h.f.alice;
    bob = h.f.bob;
    carol = h.f.carol;
    h.f.chain.fund(executor.address(), UInt256.valueOf(BigInteger.TEN.pow(21)));
    for (Secp256k1.KeyPair k : List.of(alice, bob, carol, executor)) h.register(k, false);
    id = h.mint(alice, AGENT);
    ok(h.f.send(alice, h.f.nft, InftAbi.AUTHORIZE_USAGE.encodeCall(id, bob.address())));
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private List<Bytes32> rootsOf(BigInteger token) {
    return new EvmChainView(h.f.chain, h.f.nft, h.f.market).dataHashes(token);
  }

  private OracleRequest execute(Secp256k1.KeyPair user, Address to, List<Bytes32> roots) {
    return h.request(Action.EXECUTE, user, id, to, roots, List.of());
  }

  /** Bob's EXECUTE for the executor with this input, nonce and deadline. */
  private OracleRequest bobExecutes(Bytes input, int nonce, long deadline) {
    return OracleRequest.of(
            Action.EXECUTE,
            bob,
            id,
            executor.address(),
            rootsOf(id),
            List.of(),
            input,
            Bytes32.leftPad(Bytes.of((byte) nonce)),
            deadline)
        .signedBy(bob, h.f.chain.chainId, h.f.nft);
  }

  private static void refused(ThrowingCallable call, OracleError error, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OracleException.class, e -> assertThat(e.error()).isEqualTo(error))
        .hasMessageContaining(message);
  }

  @Test
  void anAuthorizedUserHasTheDataSealedToTheExecutorOnly() throws Exception {
    OracleResponses.Execution e = h.oracle.execute(execute(bob, executor.address(), rootsOf(id)));
    assertThat(e.dataHashes()).isEqualTo(rootsOf(id));
    byte[] sealed = e.sealedItems().get(0).toArray();
    assertThat(EciesBox.open(OracleHarness.encryption(executor), sealed)).isEqualTo(AGENT);
    assertThatThrownBy(() -> EciesBox.open(OracleHarness.encryption(bob), sealed))
        .isInstanceOf(DecryptionException.class);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1))
        .doesNotContain(new String(AGENT, StandardCharsets.ISO_8859_1));
    // the owner may ask too
    assertThat(h.oracle.execute(execute(alice, executor.address(), rootsOf(id))).sealedItems())
        .hasSize(1);
  }

  @Test
  void aUserNotAuthorizedOnChainIsRefused() {
    refused(
        () -> h.oracle.execute(execute(carol, executor.address(), rootsOf(id))),
        OracleError.NOT_AUTHORIZED,
        "nor authorized to use it");
    ok(h.f.send(alice, h.f.nft, InftAbi.REVOKE_AUTHORIZATION.encodeCall(id, bob.address())));
    refused(
        () -> h.oracle.execute(execute(bob, executor.address(), rootsOf(id))),
        OracleError.NOT_AUTHORIZED,
        "nor authorized to use it");
  }

  @Test
  void anExecutorTheOracleDoesNotAdmitIsRefused() {
    refused(
        () -> h.oracle.execute(execute(bob, carol.address(), rootsOf(id))),
        OracleError.NOT_AN_EXECUTOR,
        "not on this oracle's list");
    refused(
        () -> h.oracle.execute(execute(bob, bob.address(), rootsOf(id))),
        OracleError.NOT_AN_EXECUTOR,
        "cannot be its own executor");
  }

  @Test
  void executorPoliciesCombine() {
    AgentExecutors either =
        AgentExecutors.allowlist(Set.of(bob.address()))
            .or(AgentExecutors.allowlist(Set.of(carol.address())));
    assertThat(either.refusal(bob.address())).isEmpty();
    assertThat(either.refusal(carol.address())).isEmpty();
    assertThat(either.refusal(alice.address()).orElseThrow()).contains("; ");
    assertThat(AgentExecutors.NONE.refusal(executor.address())).isPresent();
  }

  @Test
  void aRequestIsUsedOnceAndNotAfterItsDeadline() {
    OracleRequest r = execute(bob, executor.address(), rootsOf(id));
    h.oracle.execute(r);
    refused(() -> h.oracle.execute(r), OracleError.NONCE_REUSED, "already used");
    OracleRequest expired = bobExecutes(Bytes.EMPTY, 7, h.f.chain.timestamp - 1);
    refused(() -> h.oracle.execute(expired), OracleError.EXPIRED, "expired");
  }

  @Test
  void aRequestForAnotherExecutorOrDataDoesNotVerify() {
    OracleRequest signed = execute(bob, executor.address(), rootsOf(id));
    OracleRequest redirected =
        new OracleRequest(
            signed.action(),
            signed.signer(),
            signed.tokenId(),
            carol.address(),
            signed.roots(),
            signed.sealedKeys(),
            signed.input(),
            signed.nonce(),
            signed.deadline(),
            signed.signature());
    refused(() -> h.oracle.execute(redirected), OracleError.BAD_SIGNATURE, "signed by");
  }

  @Test
  void aDataHashThatIsNotTheTokensCurrentOneIsRefused() {
    List<Bytes32> before = rootsOf(id);
    refused(
        () -> h.oracle.execute(execute(bob, executor.address(), List.of(Bytes32.ZERO))),
        OracleError.DATA_CHANGED,
        "holds " + before);
    OracleResponses.Stored s =
        h.oracle.store(h.storeRequest(alice, id, "a new prompt".getBytes(StandardCharsets.UTF_8)));
    IntelligentData v2 = new IntelligentData("v2", s.dataHashes().get(0));
    ok(h.f.send(alice, h.f.nft, InftAbi.update(id, List.of(v2), s.proof())));
    refused(
        () -> h.oracle.execute(execute(bob, executor.address(), before)),
        OracleError.DATA_CHANGED,
        "names data hashes " + before);
  }

  @Test
  void anExecuteRequestCarriesNoInput() {
    OracleRequest withInput = bobExecutes(Bytes.of((byte) 1), 8, h.f.chain.timestamp + 60);
    refused(() -> h.oracle.execute(withInput), OracleError.BAD_REQUEST, "carries no input");
  }

  @Test
  void otherEndpointsDoNotTakeExecute() {
    refused(
        () -> h.oracle.use(execute(bob, executor.address(), rootsOf(id))),
        OracleError.BAD_REQUEST,
        "does not take EXECUTE");
  }
}

package io.levity.compute.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.inft.InftTypedData;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleResponses;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's checks before it runs an agent, over an AgentNFT in memory and a stand-in for the
 * oracle's EXECUTE that seals the items to the provider's key: each refusal happens before the
 * oracle is asked, and a cached agent is still refused once the chain says no.
 */
class OracleAgentSourceTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final Secp256k1.KeyPair PROVIDER = key(0x31);
  static final Secp256k1.KeyPair OWNER = key(0x32);
  static final Secp256k1.KeyPair USER = key(0x33);
  static final Secp256k1.KeyPair STRANGER = key(0x34);
  static final Address NFT = Address.fromHex("0x00000000000000000000000000000000000a6e47");
  static final BigInteger TOKEN = BigInteger.valueOf(3);
  static final Bytes32 V1 = Keccak.hash("v1".getBytes(StandardCharsets.UTF_8));

  final FakeAgentChain chain = new FakeAgentChain(NFT);
  final List<OracleRequest> oracleCalls = new ArrayList<>();
  List<byte[]> items = List.of("You are a lighthouse keeper.".getBytes(StandardCharsets.UTF_8));
  Bytes sealTo = EncryptionKeyPair.derive(PROVIDER).publicKey();
  OracleException oracleRefusal;
  OracleAgentSource source;

  static Secp256k1.KeyPair key(int b) {
    byte[] k = new byte[32];
    k[0] = 1;
    k[31] = (byte) b;
    return Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(k));
  }

  @BeforeEach
  void setUp() {
    chain.owners.put(TOKEN, OWNER.address());
    chain.data.put(TOKEN, List.of(V1));
    chain.authorize(TOKEN, USER.address());
    EciesBox ecies = new EciesBox(RANDOM);
    source =
        new OracleAgentSource(
            chain,
            r -> {
              oracleCalls.add(r);
              if (oracleRefusal != null) throw oracleRefusal;
              return new OracleResponses.Execution(
                  r.roots(),
                  items.stream().map(i -> Bytes.wrap(ecies.seal(sealTo.toArray(), i))).toList());
            },
            PROVIDER.address(),
            EncryptionKeyPair.derive(PROVIDER),
            64,
            8);
  }

  static AgentCall call(Secp256k1.KeyPair user, List<Bytes32> hashes) {
    return AgentCall.sign(
        new AgentReference(NFT, TOKEN, hashes), user, PROVIDER.address(), 1, 1000, RANDOM);
  }

  void refused(ThrowingCallable c, int status, String message) {
    assertThatThrownBy(c)
        .isInstanceOfSatisfying(AgentRefusal.class, e -> assertThat(e.status()).isEqualTo(status))
        .hasMessageContaining(message);
  }

  @Test
  void theOwnerAndAnAuthorizedUserGetThePromptOnceFromTheOracle() {
    assertThat(source.systemPrompt(call(USER, List.of(V1)), USER.address()))
        .isEqualTo("You are a lighthouse keeper.");
    assertThat(source.systemPrompt(call(OWNER, List.of(V1)), OWNER.address()))
        .isEqualTo("You are a lighthouse keeper.");
    assertThat(oracleCalls).hasSize(1);
    OracleRequest r = oracleCalls.get(0);
    assertThat(r.action()).isEqualTo(OracleRequest.Action.EXECUTE);
    assertThat(r.signer()).isEqualTo(USER.address());
    assertThat(r.to()).isEqualTo(PROVIDER.address());
    assertThat(r.roots()).containsExactly(V1);
    assertThat(InftTypedData.recover(r.digest(1, NFT), r.signature())).contains(USER.address());
    assertThat(source.cached()).isEqualTo(1);
  }

  @Test
  void aGrantSignedForAnotherProviderOrUserDoesNotVerify() {
    AgentCall c = call(USER, List.of(V1));
    OracleRequest elsewhere = c.oracleRequest(USER.address(), STRANGER.address());
    assertThat(InftTypedData.recover(elsewhere.digest(1, NFT), elsewhere.signature()))
        .isNotEqualTo(Optional.of(USER.address()));
    OracleRequest other = c.oracleRequest(STRANGER.address(), PROVIDER.address());
    assertThat(InftTypedData.recover(other.digest(1, NFT), other.signature()))
        .isNotEqualTo(Optional.of(STRANGER.address()));
  }

  @Test
  void aUserNotAuthorizedOnChainIsRefusedBeforeTheOracle() {
    refused(
        () -> source.systemPrompt(call(STRANGER, List.of(V1)), STRANGER.address()),
        403,
        "nor authorized");
    assertThat(oracleCalls).isEmpty();
  }

  @Test
  void aCachedAgentIsRefusedOnceTheUserIsRevoked() {
    source.systemPrompt(call(USER, List.of(V1)), USER.address());
    chain.revoke(TOKEN, USER.address());
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 403, "nor");
  }

  @Test
  void dataHashesThatAreNotTheTokensCurrentOnesAreRefused() {
    source.systemPrompt(call(USER, List.of(V1)), USER.address());
    Bytes32 v2 = Keccak.hash("v2".getBytes(StandardCharsets.UTF_8));
    chain.data.put(TOKEN, List.of(v2));
    refused(
        () -> source.systemPrompt(call(USER, List.of(V1)), USER.address()),
        409,
        "holds the data hashes [" + v2 + "]");
    refused(
        () -> source.systemPrompt(call(USER, List.of(Bytes32.ZERO)), USER.address()), 409, "not");
    assertThat(oracleCalls).hasSize(1);
  }

  @Test
  void anotherAgentNftOrAMissingTokenIsRefused() {
    AgentCall elsewhere =
        AgentCall.sign(
            new AgentReference(Address.fromHex("0x" + "11".repeat(20)), TOKEN, List.of(V1)),
            USER,
            PROVIDER.address(),
            1,
            1000,
            RANDOM);
    refused(() -> source.systemPrompt(elsewhere, USER.address()), 400, "only");
    AgentCall missing =
        AgentCall.sign(
            new AgentReference(NFT, BigInteger.TEN, List.of(V1)),
            USER,
            PROVIDER.address(),
            1,
            1000,
            RANDOM);
    refused(() -> source.systemPrompt(missing, USER.address()), 404, "no agent token 10");
    chain.down = true;
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 502, "refused");
    assertThat(oracleCalls).isEmpty();
  }

  @Test
  void theOraclesRefusalsKeepTheirMeaning() {
    oracleRefusal = new OracleException(OracleError.NOT_AN_EXECUTOR, "not a provider");
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 403, "provider");
    oracleRefusal = new OracleException(OracleError.NONCE_REUSED, "nonce used");
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 401, "nonce");
    oracleRefusal = new OracleException(OracleError.STORAGE_FAILED, "storage down");
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 502, "storage");
    assertThat(source.cached()).isZero();
  }

  @Test
  void dataNotSealedToThisProviderNotTextOrTooLongIsRefused() {
    sealTo = EncryptionKeyPair.derive(STRANGER).publicKey();
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 502, "not sealed");
    sealTo = EncryptionKeyPair.derive(PROVIDER).publicKey();
    items = List.of(new byte[] {(byte) 0xff, (byte) 0xfe});
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 422, "UTF-8");
    items = List.of("x".repeat(40).getBytes(StandardCharsets.UTF_8), new byte[30]);
    refused(() -> source.systemPrompt(call(USER, List.of(V1)), USER.address()), 413, "limit of 64");
    items = List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
    assertThat(source.systemPrompt(call(USER, List.of(V1)), USER.address())).isEqualTo("a\nb");
  }

  @Test
  void theCallRoundTripsThroughABodyAndMalformedOnesNameTheField() throws Exception {
    AgentCall c = call(USER, List.of(V1));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    c.addTo(body);
    assertThat(AgentCall.read(body)).contains(c);
    ((ObjectNode) body.get(AgentCall.FIELD)).putArray("data_hashes");
    assertThatThrownBy(() -> AgentCall.read(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("levity_agent: an agent names at least one data hash");
    assertThat(AgentCall.read(JsonNodeFactory.instance.objectNode())).isEmpty();
  }
}

package io.levity.inft;

import static io.levity.inft.InftFixture.ok;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.AgentExecutors;
import io.levity.inft.oracle.AgentRunner;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleRequest.Action;
import io.levity.inft.oracle.OracleResponses;
import io.levity.inft.oracle.ReEncryptionOracle;
import io.levity.inft.oracle.RocksDbOracleKeystore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

/**
 * A {@link ReEncryptionOracle} over the in-process EVM (the fixture's registered oracle key), an
 * in-memory data store and a RocksDB keystore, with the user side of each flow done by hand.
 */
final class OracleHarness implements AutoCloseable {
  static final SecureRandom RANDOM = new SecureRandom();

  /** The one executor the oracle admits: a provider that runs agents for authorized users. */
  static final Secp256k1.KeyPair EXECUTOR = InftFixture.key(6);

  final InftFixture f = new InftFixture();
  final InMemoryDataStore store = new InMemoryDataStore();
  final RocksDbOracleKeystore keystore;
  final EncryptionKeyPair oracleEncryption = EncryptionKeyPair.derive(f.oracle);
  final ReEncryptionOracle oracle;
  final Aead aead = new Aead(RANDOM);
  final EciesBox ecies = new EciesBox(RANDOM);

  /** How far the oracle's clock is behind the chain's (a fast devnet runs ahead of wall time). */
  long clockLagSeconds;

  OracleHarness(Path dir) throws IOException {
    this(dir, null);
  }

  /** With the keystore wrapped under {@code wrapKey} (null: the oracle's own). */
  OracleHarness(Path dir, byte[] wrapKey) throws IOException {
    keystore =
        RocksDbOracleKeystore.open(
            dir.resolve("keystore"),
            wrapKey == null ? RocksDbOracleKeystore.wrapKeyOf(f.oracle) : wrapKey,
            RANDOM);
    TimeSource chainTime =
        new TimeSource() {
          @Override
          public long nanoTime() {
            return (f.chain.timestamp - clockLagSeconds) * 1_000_000_000L;
          }

          @Override
          public long epochMillis() {
            return (f.chain.timestamp - clockLagSeconds) * 1000;
          }
        };
    oracle =
        new ReEncryptionOracle(
            f.oracle,
            oracleEncryption,
            new EvmChainView(f.chain, f.nft, f.market),
            store,
            keystore,
            AgentRunner.DIGEST,
            AgentExecutors.allowlist(Set.of(EXECUTOR.address())),
            chainTime,
            RANDOM,
            ReEncryptionOracle.Config.defaults());
  }

  /** Publishes {@code user}'s derived encryption key and, if asked, delegates to the oracle. */
  void register(Secp256k1.KeyPair user, boolean delegate) {
    ok(f.send(user, f.nft, InftAbi.SET_ENCRYPTION_KEY.encodeCall(encryption(user).publicKey())));
    if (delegate) ok(f.send(user, f.nft, InftAbi.DELEGATE_ACCESS.encodeCall(f.oracle.address())));
  }

  static EncryptionKeyPair encryption(Secp256k1.KeyPair user) {
    return EncryptionKeyPair.derive(user);
  }

  byte[] nonce() {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  OracleRequest request(
      Action action,
      Secp256k1.KeyPair signer,
      BigInteger tokenId,
      Address to,
      List<Bytes32> roots,
      List<Bytes> sealed) {
    byte[] nonce = new byte[32];
    RANDOM.nextBytes(nonce);
    return OracleRequest.of(
            action,
            signer,
            tokenId,
            to,
            roots,
            sealed,
            Bytes.EMPTY,
            Bytes32.of32(nonce),
            f.chain.timestamp + 300)
        .signedBy(signer, f.chain.chainId, f.nft);
  }

  OracleRequest request(Action action, Secp256k1.KeyPair signer, BigInteger tokenId, Address to) {
    return request(action, signer, tokenId, to, List.of(), List.of());
  }

  /** Encrypts and stores {@code plaintext}; the store request for it (MINT, or UPDATE of id). */
  OracleRequest storeRequest(Secp256k1.KeyPair owner, BigInteger tokenId, byte[] plaintext) {
    byte[] key = aead.newKey();
    Bytes32 root = store.upload(aead.seal(key, plaintext, null));
    Bytes sealed = Bytes.wrap(ecies.seal(oracleEncryption.publicKey().toArray(), key));
    Action action = tokenId.signum() == 0 ? Action.MINT : Action.UPDATE;
    return request(action, owner, tokenId, Address.ZERO, List.of(root), List.of(sealed));
  }

  BigInteger mint(Secp256k1.KeyPair owner, byte[] plaintext) {
    OracleResponses.Stored s = oracle.store(storeRequest(owner, BigInteger.ZERO, plaintext));
    List<IntelligentData> datas =
        s.dataHashes().stream().map(h -> new IntelligentData("agent", h)).toList();
    InftChain.Receipt r = ok(f.send(owner, f.nft, InftAbi.mint(datas, 500, s.proof())));
    return InftAbi.MINT.decodeReturn(r.output()).bigInteger(0);
  }

  /** Transfers (or clones, returning the new id) through the oracle; the tx from {@code from}. */
  InftChain.Receipt move(
      boolean clone, Secp256k1.KeyPair from, BigInteger tokenId, Secp256k1.KeyPair to) {
    OracleResponses.Transfer t =
        oracle.transfer(
            request(clone ? Action.CLONE : Action.TRANSFER, from, tokenId, to.address()));
    Bytes call =
        clone
            ? InftAbi.iClone(to.address(), tokenId, t.proofs())
            : InftAbi.iTransfer(to.address(), tokenId, t.proofs());
    return f.send(from, f.nft, call);
  }

  /** What {@code user} reads of the token through the oracle: item 0's plaintext. */
  byte[] open(Secp256k1.KeyPair user, BigInteger tokenId) throws Exception {
    OracleResponses.Keys keys = oracle.open(request(Action.OPEN, user, tokenId, Address.ZERO));
    byte[] key = EciesBox.open(encryption(user), keys.sealedKeys().get(0).toArray());
    return Aead.open(key, store.download(keys.roots().get(0)), null);
  }

  @Override
  public void close() {
    keystore.close();
  }
}

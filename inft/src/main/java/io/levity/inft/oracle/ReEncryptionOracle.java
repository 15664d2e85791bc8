package io.levity.inft.oracle;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import io.levity.inft.AccessProof;
import io.levity.inft.DataProof;
import io.levity.inft.InftTypedData;
import io.levity.inft.OwnershipProof;
import io.levity.inft.TransferBinding;
import io.levity.inft.TransferValidityProof;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.OracleRequest.Action;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The re-encryption oracle, free of transport: it holds every agent's data key (sealed to it at
 * mint), checks each signed request against the chain, and signs the statements the contracts
 * check. On a transfer or clone it decrypts each item, re-encrypts it under a fresh key, stores the
 * new ciphertext and seals the new key to the receiver, so the previous owner's key opens nothing
 * current. Plaintext and data keys leave it only sealed to the current owner ({@link #open}), or
 * the plaintext sealed to an admitted executor running the agent for a user ({@link #execute}).
 * Thread-safe: the keystore serializes its writes; requests otherwise share nothing mutable.
 */
public final class ReEncryptionOracle {
  /** How long the proofs it signs stay valid, and how far ahead a request's deadline may be. */
  public record Config(Duration proofLifetime, Duration maxRequestWindow) {
    public static Config defaults() {
      return new Config(Duration.ofMinutes(10), Duration.ofHours(1));
    }
  }

  private final Secp256k1.KeyPair signer;
  private final EncryptionKeyPair encryption;
  private final InftChainView chain;
  private final DataStore store;
  private final OracleKeystore keystore;
  private final AgentRunner runner;
  private final AgentExecutors executors;
  private final TimeSource time;
  private final SecureRandom random;
  private final Aead aead;
  private final EciesBox ecies;
  private final Config config;

  public ReEncryptionOracle(
      Secp256k1.KeyPair signer,
      EncryptionKeyPair encryption,
      InftChainView chain,
      DataStore store,
      OracleKeystore keystore,
      AgentRunner runner,
      AgentExecutors executors,
      TimeSource time,
      SecureRandom random,
      Config config) {
    this.signer = signer;
    this.encryption = encryption;
    this.chain = chain;
    this.store = store;
    this.keystore = keystore;
    this.runner = runner;
    this.executors = executors;
    this.time = time;
    this.random = random;
    this.aead = new Aead(random);
    this.ecies = new EciesBox(random);
    this.config = config;
  }

  public OracleResponses.Info info() {
    Bytes key = encryption.publicKey();
    Bytes32 digest = OracleResponses.Info.digest(key, chain.chainId(), chain.nft());
    return new OracleResponses.Info(
        signer.address(), key, chain.chainId(), chain.nft(), InftTypedData.sign(signer, digest));
  }

  /**
   * MINT (token 0) or UPDATE: checks each sealed key opens its stored ciphertext; signs DataStored.
   */
  public OracleResponses.Stored store(OracleRequest r) {
    admit(r, Action.MINT, Action.UPDATE);
    if (r.roots().isEmpty() || r.roots().size() != r.sealedKeys().size())
      throw refuse(OracleError.BAD_REQUEST, "give one sealed key per root, at least one root");
    List<Bytes32> oldHashes = List.of();
    BigInteger tokenId = BigInteger.ZERO;
    if (r.action() == Action.UPDATE) {
      requireOwner(r);
      tokenId = r.tokenId();
      oldHashes = chain.dataHashes(tokenId);
    } else if (r.tokenId().signum() != 0) {
      throw refuse(OracleError.BAD_REQUEST, "a mint names token 0, not " + r.tokenId());
    }
    for (int i = 0; i < r.roots().size(); i++) {
      Bytes32 root = r.roots().get(i);
      byte[] key;
      try {
        key = EciesBox.open(encryption, r.sealedKeys().get(i).toArray());
      } catch (DecryptionException e) {
        throw refuse(
            OracleError.BAD_SEALED_KEY,
            "the key of item " + i + " is not sealed to this oracle's key: " + e.getMessage());
      }
      decrypt(root, key, i);
      keystore.putKey(root, key);
    }
    Bytes nonce = freshNonce();
    long deadline = proofDeadline();
    Bytes32 digest =
        InftTypedData.dataStoredDigest(
            chain.chainId(),
            chain.nft(),
            tokenId,
            r.signer(),
            oldHashes,
            r.roots(),
            nonce,
            deadline);
    return new OracleResponses.Stored(
        r.roots(), new DataProof(nonce, deadline, InftTypedData.sign(signer, digest)));
  }

  /** TRANSFER or CLONE: re-encrypts every item for the receiver and signs the proofs. */
  public OracleResponses.Transfer transfer(OracleRequest r) {
    admit(r, Action.TRANSFER, Action.CLONE);
    Address owner = owner(r.tokenId());
    if (!r.signer().equals(owner) && !chain.isApproved(r.tokenId(), owner, r.signer())) {
      if (r.input().isEmpty() || r.action() != Action.TRANSFER)
        throw refuse(
            OracleError.NOT_OWNER,
            r.signer() + " is neither the owner of token " + r.tokenId() + " nor approved for it");
      if (!r.to().equals(r.signer()))
        throw refuse(OracleError.BAD_REQUEST, "a buyer asks for a transfer to itself");
      MarketListing listing;
      try {
        listing = MarketListing.decode(r.input());
      } catch (RuntimeException e) {
        throw refuse(
            OracleError.BAD_REQUEST, "the input is not a market listing: " + e.getMessage());
      }
      listing.check(chain, r.tokenId(), owner, r.signer(), nowSeconds());
    }
    if (r.to().equals(Address.ZERO))
      throw refuse(OracleError.BAD_REQUEST, "the receiver is the zero address");
    Bytes receiverKey = publishedKey(r.to(), "the receiver");
    boolean delegated = chain.delegateOf(r.to()).equals(signer.address());
    TransferBinding binding =
        new TransferBinding(chain.chainId(), chain.nft(), r.tokenId(), owner, r.to());
    long deadline = proofDeadline();
    List<TransferValidityProof> proofs = new ArrayList<>();
    List<Bytes32> oldHashes = chain.dataHashes(r.tokenId());
    for (int i = 0; i < oldHashes.size(); i++) {
      Bytes32 oldRoot = oldHashes.get(i);
      byte[] plaintext = decrypt(oldRoot, knownKey(oldRoot), i);
      byte[] newKey = aead.newKey();
      Bytes32 newRoot = store.upload(aead.seal(newKey, plaintext, null));
      keystore.putKey(newRoot, newKey);
      Bytes sealed = Bytes.wrap(ecies.seal(receiverKey.toArray(), newKey));
      OwnershipProof o =
          new OwnershipProof(
              OwnershipProof.TEE,
              oldRoot,
              newRoot,
              sealed,
              receiverKey,
              freshNonce(),
              Bytes.EMPTY,
              deadline);
      o = o.withProof(InftTypedData.sign(signer, InftTypedData.ownershipDigest(binding, o)));
      AccessProof a =
          new AccessProof(oldRoot, newRoot, freshNonce(), receiverKey, Bytes.EMPTY, deadline);
      if (delegated)
        a = a.withProof(InftTypedData.sign(signer, InftTypedData.accessDigest(binding, a, sealed)));
      proofs.add(new TransferValidityProof(a, o));
    }
    return new OracleResponses.Transfer(proofs, delegated);
  }

  /** OPEN: the current owner's data keys, sealed to its published key. */
  public OracleResponses.Keys open(OracleRequest r) {
    admit(r, Action.OPEN);
    requireOwner(r);
    Bytes ownerKey = publishedKey(r.signer(), "the owner");
    List<Bytes32> roots = chain.dataHashes(r.tokenId());
    List<Bytes> sealed = new ArrayList<>();
    for (Bytes32 root : roots)
      sealed.add(Bytes.wrap(ecies.seal(ownerKey.toArray(), knownKey(root))));
    return new OracleResponses.Keys(roots, sealed);
  }

  /** USE: runs the agent for its owner or an authorized user; no key leaves. */
  public OracleResponses.Usage use(OracleRequest r) {
    admit(r, Action.USE);
    requireUser(r);
    List<byte[]> items = new ArrayList<>();
    List<Bytes32> roots = chain.dataHashes(r.tokenId());
    for (int i = 0; i < roots.size(); i++)
      items.add(decrypt(roots.get(i), knownKey(roots.get(i)), i));
    return new OracleResponses.Usage(runner.run(r.tokenId(), r.signer(), items, r.input()));
  }

  /**
   * EXECUTE: hands the agent's plaintext items, each sealed to the published key of the executor
   * {@code to}, so that it runs the agent for the signer (the owner or an authorized user), who
   * never sees them. {@code roots} must be the token's current data hashes: the signer names the
   * version it asks for, and a changed token is refused rather than served another version.
   */
  public OracleResponses.Execution execute(OracleRequest r) {
    admit(r, Action.EXECUTE);
    boolean owner = requireUser(r);
    if (!r.input().isEmpty())
      throw refuse(OracleError.BAD_REQUEST, "an EXECUTE request carries no input");
    if (r.to().equals(r.signer()) && !owner)
      throw refuse(
          OracleError.NOT_AN_EXECUTOR,
          "a user authorized to use token "
              + r.tokenId()
              + " cannot be its own executor: name a provider");
    executors
        .refusal(r.to())
        .ifPresent(
            why -> {
              throw refuse(OracleError.NOT_AN_EXECUTOR, why);
            });
    List<Bytes32> roots = chain.dataHashes(r.tokenId());
    if (!roots.equals(r.roots()))
      throw refuse(
          OracleError.DATA_CHANGED,
          "the request names data hashes "
              + r.roots()
              + " but token "
              + r.tokenId()
              + " holds "
              + roots);
    Bytes executorKey = publishedKey(r.to(), "the executor");
    List<Bytes> sealed = new ArrayList<>();
    for (int i = 0; i < roots.size(); i++) {
      byte[] item = decrypt(roots.get(i), knownKey(roots.get(i)), i);
      sealed.add(Bytes.wrap(ecies.seal(executorKey.toArray(), item)));
    }
    return new OracleResponses.Execution(roots, sealed);
  }

  /** Requires the signer to own the token or be authorized to use it; true for the owner. */
  private boolean requireUser(OracleRequest r) {
    Address owner = owner(r.tokenId());
    if (r.signer().equals(owner)) return true;
    if (!chain.isAuthorizedUser(r.tokenId(), r.signer()))
      throw refuse(
          OracleError.NOT_AUTHORIZED,
          r.signer()
              + " is neither the owner of token "
              + r.tokenId()
              + " nor authorized to use it");
    return false;
  }

  /** Checks the action, deadline, signature and nonce (spent here, for good). */
  private void admit(OracleRequest r, Action... allowed) {
    if (!List.of(allowed).contains(r.action()))
      throw refuse(OracleError.BAD_REQUEST, "this endpoint does not take " + r.action());
    long now = nowSeconds();
    if (r.deadline() < now)
      throw refuse(OracleError.EXPIRED, "the request expired at " + r.deadline() + ", now " + now);
    if (r.deadline() > now + config.maxRequestWindow().toSeconds())
      throw refuse(
          OracleError.DEADLINE_TOO_FAR,
          "the deadline is more than " + config.maxRequestWindow().toSeconds() + " s ahead");
    Address recovered =
        r.recoverSigner(chain.chainId(), chain.nft())
            .orElseThrow(() -> refuse(OracleError.BAD_SIGNATURE, "the signature does not recover"));
    if (!recovered.equals(r.signer()))
      throw refuse(
          OracleError.BAD_SIGNATURE,
          "the request names " + r.signer() + " but is signed by " + recovered);
    if (!keystore.spendNonce(r.signer(), r.nonce()))
      throw refuse(
          OracleError.NONCE_REUSED, "nonce " + r.nonce() + " was already used by " + r.signer());
  }

  private void requireOwner(OracleRequest r) {
    Address owner = owner(r.tokenId());
    if (!owner.equals(r.signer()))
      throw refuse(
          OracleError.NOT_OWNER,
          r.signer() + " does not own token " + r.tokenId() + " (its owner is " + owner + ")");
  }

  private Address owner(BigInteger tokenId) {
    return chain
        .ownerOf(tokenId)
        .orElseThrow(() -> refuse(OracleError.NO_SUCH_TOKEN, "no token " + tokenId));
  }

  private Bytes publishedKey(Address who, String role) {
    Bytes key = chain.encryptionKeyOf(who);
    if (key.size() != 64)
      throw refuse(
          OracleError.RECEIVER_KEY_NOT_PUBLISHED,
          role + " " + who + " has not published an encryption key ('levity inft register')");
    return key;
  }

  private byte[] knownKey(Bytes32 root) {
    return keystore
        .key(root)
        .orElseThrow(
            () ->
                refuse(
                    OracleError.UNKNOWN_DATA_KEY,
                    "this oracle holds no key for " + root + " (stored through another oracle?)"));
  }

  private byte[] decrypt(Bytes32 root, byte[] key, int item) {
    byte[] ciphertext = store.download(root);
    try {
      return Aead.open(key, ciphertext, null);
    } catch (DecryptionException e) {
      throw refuse(
          OracleError.DATA_DOES_NOT_DECRYPT,
          "item " + item + " (" + root + ") does not decrypt with its key: " + e.getMessage());
    }
  }

  private Bytes freshNonce() {
    byte[] n = new byte[32];
    random.nextBytes(n);
    return Bytes.wrap(n);
  }

  private long nowSeconds() {
    return time.epochMillis() / 1000;
  }

  /** Proofs live {@code proofLifetime} from the later of the oracle's and the chain's clocks. */
  private long proofDeadline() {
    return Math.max(nowSeconds(), chain.latestBlockTime()) + config.proofLifetime().toSeconds();
  }

  private static OracleException refuse(OracleError error, String message) {
    return new OracleException(error, message);
  }
}

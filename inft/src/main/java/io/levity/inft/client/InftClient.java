package io.levity.inft.client;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftAbi;
import io.levity.inft.InftErrors;
import io.levity.inft.InftNetwork;
import io.levity.inft.InftTypedData;
import io.levity.inft.IntelligentData;
import io.levity.inft.MarketOrder;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.MarketListing;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleRequest.Action;
import io.levity.inft.oracle.OracleResponses;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.client.ProgressListener;
import io.levity.storage.client.StorageClient;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

/**
 * The user's side of intelligent NFTs, from one account key: its encryption key is derived from it
 * ({@link EncryptionKeyPair#derive}). Data is encrypted here under a fresh AES-256-GCM key, stored
 * on the storage network, and its key sealed to the oracle; the oracle's proofs go on chain from
 * this account's {@link Wallet}. Reverts come back as {@link InftClientException}s naming the
 * contract's custom error; oracle refusals as its {@code OracleException}.
 */
public final class InftClient {
  /** A token minted, updated, transferred or cloned: its id (the new one for a clone), its hash. */
  public record Result(BigInteger tokenId, Bytes32 dataHash, Bytes32 transaction) {}

  private final Secp256k1.KeyPair key;
  private final EncryptionKeyPair encryption;
  private final InftNetwork network;
  private final Wallet wallet;
  private final Contract nft;
  private final OracleClient oracle;
  private final StorageClient storage;
  private final Path workDir;
  private final SecureRandom random;
  private final TimeSource time;
  private final ReceiptWaiter receipts;
  private final Aead aead;
  private final EciesBox ecies;

  public InftClient(
      Secp256k1.KeyPair key,
      InftNetwork network,
      EthRpc rpc,
      OracleClient oracle,
      StorageClient storage,
      Path workDir,
      SecureRandom random,
      TimeSource time,
      Duration receiptTimeout) {
    this.key = key;
    this.encryption = EncryptionKeyPair.derive(key);
    this.network = network;
    this.wallet = new Wallet(rpc, key);
    this.nft = new Contract(rpc, network.agentNft());
    this.oracle = oracle;
    this.storage = storage;
    this.workDir = workDir;
    this.random = random;
    this.time = time;
    this.receipts = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(50));
    this.aead = new Aead(random);
    this.ecies = new EciesBox(random);
  }

  public Address address() {
    return key.address();
  }

  /** The 64-byte encryption key this account publishes. */
  public Bytes encryptionKey() {
    return encryption.publicKey();
  }

  /** Publishes the encryption key and delegates access proofs to the oracle (once per account). */
  public void register() {
    send(nft.address(), InftAbi.SET_ENCRYPTION_KEY.encodeCall(encryption.publicKey()), "register");
    send(
        nft.address(),
        InftAbi.DELEGATE_ACCESS.encodeCall(network.oracleAddress()),
        "delegate access");
  }

  /** Encrypts and stores {@code file}, has the oracle attest it, and mints it to this account. */
  public Result mint(Path file, String description, int royaltyBps, ProgressListener progress)
      throws IOException {
    OracleResponses.Stored s = storeThroughOracle(BigInteger.ZERO, file, progress);
    TxReceipt r =
        send(
            nft.address(),
            InftAbi.mint(
                List.of(new IntelligentData(description, s.dataHashes().get(0))),
                royaltyBps,
                s.proof()),
            "mint");
    BigInteger id = event(r, InftAbi.MINTED).bigInteger(0);
    return new Result(id, s.dataHashes().get(0), r.transactionHash());
  }

  /** Replaces the token's data with {@code file} (the history keeps the old hash). */
  public Result update(BigInteger tokenId, Path file, String description, ProgressListener progress)
      throws IOException {
    OracleResponses.Stored s = storeThroughOracle(tokenId, file, progress);
    TxReceipt r =
        send(
            nft.address(),
            InftAbi.update(
                tokenId,
                List.of(new IntelligentData(description, s.dataHashes().get(0))),
                s.proof()),
            "update");
    return new Result(tokenId, s.dataHashes().get(0), r.transactionHash());
  }

  public Result transfer(BigInteger tokenId, Address to) {
    return move(Action.TRANSFER, tokenId, to);
  }

  /** Clones the token to {@code to}; the result names the new token. */
  public Result clone(BigInteger tokenId, Address to) {
    return move(Action.CLONE, tokenId, to);
  }

  public Bytes32 authorize(BigInteger tokenId, Address user) {
    return send(nft.address(), InftAbi.AUTHORIZE_USAGE.encodeCall(tokenId, user), "authorize")
        .transactionHash();
  }

  public Bytes32 revoke(BigInteger tokenId, Address user) {
    return send(nft.address(), InftAbi.REVOKE_AUTHORIZATION.encodeCall(tokenId, user), "revoke")
        .transactionHash();
  }

  /**
   * Decrypts the token's current data into {@code out} (item i > 0 into {@code out.i}); only the
   * owner gets the keys. Returns the bytes written.
   */
  public long open(BigInteger tokenId, Path out, ProgressListener progress) throws IOException {
    StorageClient.checkDestination(out);
    OracleResponses.Keys keys =
        oracle.open(request(Action.OPEN, tokenId, Address.ZERO, List.of(), List.of(), Bytes.EMPTY));
    long written = 0;
    for (int i = 0; i < keys.roots().size(); i++) {
      byte[] plain;
      try {
        byte[] dataKey = EciesBox.open(encryption, keys.sealedKeys().get(i).toArray());
        plain = Aead.open(dataKey, download(keys.roots().get(i), progress), null);
      } catch (DecryptionException e) {
        throw new InftClientException("item " + i + " does not decrypt: " + e.getMessage(), e);
      }
      Path target = i == 0 ? out : out.resolveSibling(out.getFileName() + "." + i);
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".inft-open-", ".part");
      Files.write(tmp, plain);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      written += plain.length;
    }
    return written;
  }

  /** Runs the agent in the oracle (owner or authorized user); what the runner returned. */
  public Bytes use(BigInteger tokenId, Bytes input) {
    return oracle
        .use(request(Action.USE, tokenId, Address.ZERO, List.of(), List.of(), input))
        .output();
  }

  public TokenView show(BigInteger tokenId) {
    Address owner =
        call(() -> nft.call(InftAbi.OWNER_OF, tokenId).address(0), "no token " + tokenId);
    AbiValues royalty = nft.call(InftAbi.ROYALTY_INFO, tokenId, BigInteger.valueOf(10_000));
    return new TokenView(
        tokenId,
        owner,
        nft.call(InftAbi.CREATOR_OF, tokenId).address(0),
        nft.call(InftAbi.PARENT_OF, tokenId).bigInteger(0),
        nft.call(InftAbi.INTELLIGENT_DATA_OF, tokenId).tuples(0).stream()
            .map(t -> new IntelligentData(t.string(0), t.bytes32(1)))
            .toList(),
        nft.call(InftAbi.DATA_HASH_HISTORY_OF, tokenId).list(0).stream()
            .map(v -> Bytes32.leftPad((Bytes) v))
            .toList(),
        nft.call(InftAbi.AUTHORIZED_USERS_OF, tokenId).list(0).stream()
            .map(v -> (Address) v)
            .toList(),
        royalty.address(0),
        royalty.bigInteger(1).intValueExact());
  }

  /**
   * Lists the token on the market at {@code price} wei for {@code buyer} ({@link Address#ZERO}:
   * any), valid for {@code lifetime}: makes the market this account's operator if it is not yet and
   * signs the listing (nothing else goes on chain).
   */
  public MarketListing list(
      BigInteger tokenId, BigInteger price, Address buyer, Duration lifetime) {
    boolean approved =
        nft.call(InftAbi.IS_APPROVED_FOR_ALL, key.address(), network.market()).bool(0);
    if (!approved)
      send(
          nft.address(),
          InftAbi.SET_APPROVAL_FOR_ALL.encodeCall(network.market(), true),
          "approve the market");
    MarketOrder order =
        new MarketOrder(
            key.address(),
            network.agentNft(),
            tokenId,
            price,
            buyer,
            new BigInteger(63, random),
            nowSeconds() + lifetime.toSeconds());
    Bytes sig =
        InftTypedData.sign(
            key, InftTypedData.orderDigest(network.chainId(), network.market(), order, true));
    return new MarketListing(order, sig);
  }

  /** Buys a listing: the oracle re-encrypts for this account, the market settles and pays. */
  public Result buy(MarketListing listing) {
    MarketOrder o = listing.order();
    OracleResponses.Transfer t =
        oracle.transfer(
            request(
                Action.TRANSFER,
                o.tokenId(),
                key.address(),
                List.of(),
                List.of(),
                listing.encode()));
    TxReceipt r =
        send(
            network.market(),
            InftAbi.buy(o, listing.signature(), t.proofs()),
            UInt256.valueOf(o.price()),
            "buy");
    return new Result(
        o.tokenId(), t.proofs().get(0).ownershipProof().newDataHash(), r.transactionHash());
  }

  private Result move(Action action, BigInteger tokenId, Address to) {
    OracleResponses.Transfer t =
        oracle.transfer(request(action, tokenId, to, List.of(), List.of(), Bytes.EMPTY));
    if (!t.accessSigned())
      throw new InftClientException(
          to
              + " has not delegated access to the oracle "
              + network.oracleAddress()
              + "; ask its owner to run 'levity inft register'");
    boolean clone = action == Action.CLONE;
    TxReceipt r =
        send(
            nft.address(),
            clone
                ? InftAbi.iClone(to, tokenId, t.proofs())
                : InftAbi.iTransfer(to, tokenId, t.proofs()),
            clone ? "clone" : "transfer");
    BigInteger id = clone ? event(r, InftAbi.CLONED).bigInteger(1) : tokenId;
    return new Result(id, t.proofs().get(0).ownershipProof().newDataHash(), r.transactionHash());
  }

  private OracleResponses.Stored storeThroughOracle(
      BigInteger tokenId, Path file, ProgressListener progress) throws IOException {
    byte[] dataKey = aead.newKey();
    byte[] ciphertext = aead.seal(dataKey, Files.readAllBytes(file), null);
    Path tmp = Files.createTempFile(Files.createDirectories(workDir), "inft-mint-", ".bin");
    Bytes32 root;
    try {
      Files.write(tmp, ciphertext);
      root = storage.upload(tmp, progress).fileRoot();
    } finally {
      Files.deleteIfExists(tmp);
    }
    Bytes oracleKey = trustedOracleKey();
    Bytes sealed = Bytes.wrap(ecies.seal(oracleKey.toArray(), dataKey));
    Action action = tokenId.signum() == 0 ? Action.MINT : Action.UPDATE;
    return oracle.store(
        request(action, tokenId, Address.ZERO, List.of(root), List.of(sealed), Bytes.EMPTY));
  }

  /**
   * The oracle's encryption key, once its signature shows the network file's oracle address (the
   * one admitted on chain) holds it for this chain and contract: a wrong or hostile oracle URL gets
   * no data key.
   */
  private Bytes trustedOracleKey() {
    OracleResponses.Info info = oracle.info();
    if (!info.oracle().equals(network.oracleAddress())
        || info.chainId() != network.chainId()
        || !info.nft().equals(network.agentNft())
        || !info.authentic())
      throw new InftClientException(
          "the oracle at "
              + oracle.base()
              + " is not "
              + network.oracleAddress()
              + " for AgentNFT "
              + network.agentNft()
              + " on chain "
              + network.chainId()
              + "; refusing to seal a data key to it");
    return info.encryptionKey();
  }

  private byte[] download(Bytes32 root, ProgressListener progress) throws IOException {
    Path tmp = Files.createTempFile(Files.createDirectories(workDir), "inft-open-", ".bin");
    try {
      storage.download(root, tmp, progress);
      return Files.readAllBytes(tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private OracleRequest request(
      Action action,
      BigInteger tokenId,
      Address to,
      List<Bytes32> roots,
      List<Bytes> sealed,
      Bytes input) {
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    return OracleRequest.of(
            action, key, tokenId, to, roots, sealed, input, Bytes32.of32(nonce), nowSeconds() + 120)
        .signedBy(key, network.chainId(), network.agentNft());
  }

  private long nowSeconds() {
    return time.epochMillis() / 1000;
  }

  private TxReceipt send(Address to, Bytes data, String what) {
    return send(to, data, UInt256.ZERO, what);
  }

  private TxReceipt send(Address to, Bytes data, UInt256 value, String what) {
    try {
      return wallet.sendAndWait(TxRequest.call(to, data).withValue(value), receipts);
    } catch (RpcErrorException e) {
      if (!e.isRevert()) throw e;
      throw new InftClientException(
          what + " reverted: " + e.revertData().map(InftErrors::describe).orElse(e.rpcMessage()),
          e);
    }
  }

  private AbiValues event(TxReceipt r, AbiEvent event) {
    for (EthLog log : r.logs())
      if (log.address().equals(nft.address())
          && !log.topics().isEmpty()
          && log.topics().get(0).equals(event.topic()))
        return event.decode(log.topics(), log.data());
    throw new InftClientException("no " + event.name() + " event in " + r.transactionHash());
  }

  private static <T> T call(java.util.function.Supplier<T> read, String ifReverted) {
    try {
      return read.get();
    } catch (RpcErrorException e) {
      if (e.isRevert()) throw new InftClientException(ifReverted, e);
      throw e;
    }
  }
}

package io.levity.da.chain;

import static io.levity.da.chain.DataAvailabilityContract.words;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.core.crypto.bls.BlsPublicKey;
import io.levity.core.crypto.bls.BlsSignature;
import io.levity.core.num.UInt256;
import io.levity.da.quorum.Quorum;
import io.levity.da.quorum.QuorumMember;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.rpc.EthLog;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.EthRpcException;
import io.levity.sdk.rpc.LogQuery;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaitException;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TransactionFailedException;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link DaChain} over a node's JSON-RPC and the DataAvailability contract
 * (da/contracts/DataAvailability.sol), through the SDK. Reads are {@code eth_call}s (a quorum's are
 * pinned to one block); writes are transactions from the configured {@link Wallet}, waited for
 * until mined. A revert is a {@link DaChainException} naming the contract's custom error (for
 * example {@code UnderThreshold(4, 9)}). Without a wallet the adapter only reads.
 */
public final class RpcDaChain implements DaChain {
  private final EthRpc rpc;
  private final Contract contract;
  private final Optional<Wallet> wallet;
  private final ReceiptWaiter receipts;
  private volatile long chainId = -1;
  private volatile long epochBlocks = -1;

  /** The contract at {@code address}, writing from {@code wallet} when present. */
  public RpcDaChain(EthRpc rpc, Address address, Optional<Wallet> wallet, Duration receiptTimeout) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.contract = new Contract(rpc, Objects.requireNonNull(address, "address"));
    this.wallet = Objects.requireNonNull(wallet, "wallet");
    this.receipts = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(50));
  }

  /**
   * Deploys a DataAvailability contract with {@code parameters} from {@code wallet} (as the devnet
   * does for its other contracts) and returns its address.
   */
  public static Address deploy(Wallet wallet, DaParameters parameters, Duration timeout) {
    ReceiptWaiter waiter = ReceiptWaiter.of(wallet.rpc(), timeout, Duration.ofMillis(50));
    TxReceipt r =
        failures(
            "deploy DataAvailability",
            () ->
                wallet.sendAndWait(
                    TxRequest.deploy(DataAvailabilityContract.deployment(parameters)), waiter));
    return r.contractAddress()
        .orElseThrow(() -> new DaChainException("the deployment receipt names no contract"));
  }

  @Override
  public Address contract() {
    return contract.address();
  }

  @Override
  public long chainId() {
    if (chainId < 0) chainId = failures("chain id", rpc::chainId);
    return chainId;
  }

  @Override
  public long epochBlocks() {
    if (epochBlocks < 0) epochBlocks = read(DataAvailabilityContract.EPOCH_BLOCKS).longValue(0);
    return epochBlocks;
  }

  @Override
  public long currentEpoch() {
    return read(DataAvailabilityContract.CURRENT_EPOCH).longValue(0);
  }

  /** The account writes come from, if this adapter can write. */
  public Optional<Address> account() {
    return wallet.map(Wallet::address);
  }

  /** Every node ever registered, by index, as of the latest block. */
  public List<DaNodeRecord> nodes() {
    return nodesAt(BlockTag.number(failures("block number", rpc::blockNumber)));
  }

  private List<DaNodeRecord> nodesAt(BlockTag block) {
    long count = readAt(block, DataAvailabilityContract.NODE_COUNT).longValue(0);
    List<DaNodeRecord> out = new ArrayList<>();
    for (int i = 0; i < count; i++)
      out.add(decodeNode(i, readAt(block, DataAvailabilityContract.NODE, BigInteger.valueOf(i))));
    return out;
  }

  static DaNodeRecord decodeNode(int index, AbiValues v) {
    return new DaNodeRecord(
        index,
        v.address(0),
        v.bigInteger(1),
        new BlsPublicKey(
            DataAvailabilityContract.point(v.list(2)), DataAvailabilityContract.point(v.list(3))),
        v.string(4),
        v.bigInteger(5).longValue(),
        v.bigInteger(6).longValue());
  }

  @Override
  public Quorum quorum(long epoch) {
    long head = failures("block number", rpc::blockNumber);
    long first = Math.multiplyExact(epoch, epochBlocks());
    if (epoch < 0 || first > head)
      throw new DaChainException("epoch " + epoch + " has not started (head block " + head + ")");
    BlockTag at = BlockTag.number(head);
    int bps = (int) readAt(at, DataAvailabilityContract.THRESHOLD_BPS).longValue(0);
    List<QuorumMember> members = new ArrayList<>();
    for (DaNodeRecord n : nodesAt(at)) if (n.activeIn(epoch)) members.add(n.member());
    EthBlock opening =
        failures("block " + first, () -> rpc.getBlockByNumber(BlockTag.number(first)))
            .orElseThrow(() -> new DaChainException("block " + first + " not found"));
    return new Quorum(epoch, opening.hash(), members, bps);
  }

  @Override
  public Bytes32 signingMessage(Bytes32 blobId, long epoch) {
    return DaMessages.signingMessage(chainId(), contract(), blobId, epoch);
  }

  /**
   * The proof-of-possession message of {@code operator} for a key whose G1 half is {@code pkG1}.
   */
  public Bytes32 popMessage(Address operator, Bytes pkG1) {
    return DaMessages.popMessage(chainId(), contract(), operator, pkG1);
  }

  @Override
  public int register(BlsKeyPair key, String endpoint, BigInteger stake) {
    Wallet w = writer();
    BlsPublicKey pk = key.publicKey();
    BlsSignature pop = Bls.provePossession(key, popMessage(w.address(), pk.g1()));
    TxReceipt r =
        send(
            "register",
            UInt256.valueOf(stake),
            DataAvailabilityContract.REGISTER.encodeCall(
                words(pk.g1()), words(pk.g2()), words(pop.g1()), endpoint));
    for (EthLog log : r.logs())
      if (log.address().equals(contract())
          && !log.topics().isEmpty()
          && log.topics().get(0).equals(DataAvailabilityContract.NODE_REGISTERED.topic()))
        return (int)
            DataAvailabilityContract.NODE_REGISTERED.decode(log.topics(), log.data()).longValue(0);
    throw new DaChainException("register mined without a NodeRegistered event");
  }

  /** Takes this account's node out of the quorums from the next epoch. */
  public void exit() {
    send("exit", UInt256.ZERO, DataAvailabilityContract.EXIT.encodeCall());
  }

  /** Returns this account's stake once its withdrawal delay has passed. */
  public void withdraw() {
    send("withdraw", UInt256.ZERO, DataAvailabilityContract.WITHDRAW.encodeCall());
  }

  /**
   * Sends {@code certify}; when the transaction fails on chain (the receipt carries no reason), the
   * call is replayed at the latest block so the exception names the contract's error (for example
   * {@code StaleEpoch} when the epoch moved on while the transaction waited).
   */
  @Override
  public Bytes32 certify(DaCertificate c) {
    try {
      return send(
              "certify " + c.blobId(),
              UInt256.ZERO,
              DataAvailabilityContract.CERTIFY.encodeCall(certificateArgs(c)))
          .transactionHash();
    } catch (DaChainException e) {
      if (!(e.getCause() instanceof TransactionFailedException)) throw e;
      String why;
      try {
        read(DataAvailabilityContract.CERTIFY, certificateArgs(c));
        why = "the replay now succeeds";
      } catch (DaChainException replay) {
        why = replay.getMessage();
      }
      throw new DaChainException(e.getMessage() + "; replayed at the latest block: " + why, e);
    }
  }

  @Override
  public boolean checkCertificate(DaCertificate c) {
    return read(DataAvailabilityContract.CHECK_DA_CERT, certificateArgs(c)).bool(0);
  }

  /** checkDACert's and certify's arguments. */
  static Object[] certificateArgs(DaCertificate c) {
    return new Object[] {
      c.blobId(),
      BigInteger.valueOf(c.epoch()),
      c.signers(),
      words(c.signature().g1()),
      words(c.aggregateKey().g2())
    };
  }

  @Override
  public Optional<CertifiedBlob> certified(Bytes32 blobId) {
    AbiValues v = read(DataAvailabilityContract.CERTIFIED, blobId);
    long block = v.longValue(2);
    if (block == 0) return Optional.empty();
    List<EthLog> logs =
        failures(
            "BlobCertified logs",
            () ->
                rpc.getLogs(
                    LogQuery.of(contract(), block, block)
                        .withTopic(0, DataAvailabilityContract.BLOB_CERTIFIED.topic())
                        .withTopic(1, blobId)));
    if (logs.isEmpty())
      throw new DaChainException("no BlobCertified log of " + blobId + " in block " + block);
    return Optional.of(
        new CertifiedBlob(
            blobId, v.longValue(0), v.bigInteger(1), block, logs.get(0).transactionHash()));
  }

  /**
   * Decodes the certificate from the certifying transaction's input; the G1 half of the aggregate
   * key, which the contract recomputes from the bitmap, is recomputed here the same way. A blob
   * certified through another contract (whose transaction input is not a {@code certify} call) has
   * no readable certificate: that is a {@link DaChainException}.
   */
  @Override
  public Optional<DaCertificate> certificate(Bytes32 blobId) {
    Optional<CertifiedBlob> rec = certified(blobId);
    if (rec.isEmpty()) return Optional.empty();
    Bytes32 hash = rec.get().transactionHash();
    JsonNode tx =
        failures(
            "the certifying transaction", () -> rpc.call("eth_getTransactionByHash", hash.toHex()));
    Bytes input = Bytes.fromHex(tx == null ? "0x" : tx.path("input").asText("0x"));
    Bytes selector = DataAvailabilityContract.CERTIFY.selector();
    if (input.size() < 4 || !input.slice(0, 4).equals(selector))
      throw new DaChainException(
          "blob "
              + blobId
              + " was certified by "
              + hash
              + " through another contract: its"
              + " certificate is not in the transaction's input");
    AbiValues v = DataAvailabilityContract.CERTIFY.decodeCall(input);
    BigInteger signers = v.bigInteger(2);
    long epoch = v.longValue(1);
    List<BlsPublicKey> keys = new ArrayList<>();
    for (DaNodeRecord n : nodes()) if (signers.testBit(n.index())) keys.add(n.key());
    if (keys.isEmpty())
      throw new DaChainException("the certificate of " + blobId + " names no registered signer");
    Bytes g1 = Bls.aggregateKeys(keys).g1();
    return Optional.of(
        new DaCertificate(
            v.bytes32(0),
            epoch,
            signers,
            new BlsSignature(unwords(v.list(3))),
            new BlsPublicKey(g1, unwords(v.list(4)))));
  }

  private static Bytes unwords(List<Object> words) {
    Bytes[] parts = new Bytes[words.size()];
    for (int i = 0; i < parts.length; i++)
      parts[i] = Bytes32.fromBigInteger((BigInteger) words.get(i));
    return Bytes.concat(parts);
  }

  // ---- plumbing ----

  private TxReceipt send(String what, UInt256 value, Bytes data) {
    Wallet w = writer();
    TxRequest tx = TxRequest.call(contract(), data).withValue(value);
    return failures(what, () -> w.sendAndWait(tx, receipts));
  }

  private AbiValues read(AbiFunction f, Object... args) {
    return failures(f.name(), () -> contract.call(f, args));
  }

  private AbiValues readAt(BlockTag block, AbiFunction f, Object... args) {
    return failures(f.name(), () -> contract.callAt(block, f, args));
  }

  /** Runs {@code call}, turning reverts and RPC failures into {@link DaChainException}s. */
  static <T> T failures(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (RpcErrorException e) {
      String reason =
          e.isRevert()
              ? e.revertData().map(DataAvailabilityContract.ERRORS::describe).orElse(e.rpcMessage())
              : e.getMessage();
      throw new DaChainException(what + " refused: " + reason, e);
    } catch (EthRpcException | ReceiptWaitException | TransactionFailedException e) {
      throw new DaChainException(what + " failed: " + e.getMessage(), e);
    }
  }

  private Wallet writer() {
    return wallet.orElseThrow(
        () -> new IllegalStateException("this RpcDaChain has no wallet: read-only"));
  }
}

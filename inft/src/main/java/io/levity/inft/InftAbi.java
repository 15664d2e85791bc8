package io.levity.inft;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.sdk.abi.AbiCodec;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import java.math.BigInteger;
import java.util.List;

/**
 * The iNFT contracts' interfaces as SDK ABI functions, with encoders for the calls an oracle, the
 * CLI or a trader sends. {@code InftAbiTest} checks every declaration against the ABI the compiler
 * emitted.
 */
public final class InftAbi {
  static final String DATA = "(string,bytes32)";
  static final String ACCESS = "(bytes32,bytes32,bytes,bytes,bytes,uint256)";
  static final String OWNERSHIP = "(uint8,bytes32,bytes32,bytes,bytes,bytes,bytes,uint256)";
  static final String PROOF = "(" + ACCESS + "," + OWNERSHIP + ")";
  static final String DATA_PROOF = "(bytes,uint256,bytes)";
  static final String ORDER = "(address,address,uint256,uint256,address,uint256,uint256)";

  // ---- AgentNFT ----
  public static final AbiFunction NFT_CONSTRUCTOR =
      AbiFunction.parse("AgentNFT(string,string,address)");
  public static final AbiFunction MINT =
      AbiFunction.parse("mint(" + DATA + "[],uint96," + DATA_PROOF + ") returns (uint256)");
  public static final AbiFunction UPDATE =
      AbiFunction.parse("update(uint256," + DATA + "[]," + DATA_PROOF + ")");
  public static final AbiFunction I_TRANSFER =
      AbiFunction.parse("iTransfer(address,uint256," + PROOF + "[])");
  public static final AbiFunction I_CLONE =
      AbiFunction.parse("iClone(address,uint256," + PROOF + "[]) returns (uint256)");
  public static final AbiFunction AUTHORIZE_USAGE =
      AbiFunction.parse("authorizeUsage(uint256,address)");
  public static final AbiFunction REVOKE_AUTHORIZATION =
      AbiFunction.parse("revokeAuthorization(uint256,address)");
  public static final AbiFunction AUTHORIZED_USERS_OF =
      AbiFunction.parse("authorizedUsersOf(uint256) returns (address[])");
  public static final AbiFunction IS_AUTHORIZED_USER =
      AbiFunction.parse("isAuthorizedUser(uint256,address) returns (bool)");
  public static final AbiFunction DELEGATE_ACCESS = AbiFunction.parse("delegateAccess(address)");
  public static final AbiFunction GET_DELEGATE_ACCESS =
      AbiFunction.parse("getDelegateAccess(address) returns (address)");
  public static final AbiFunction SET_ENCRYPTION_KEY = AbiFunction.parse("setEncryptionKey(bytes)");
  public static final AbiFunction ENCRYPTION_KEY_OF =
      AbiFunction.parse("encryptionKeyOf(address) returns (bytes)");
  public static final AbiFunction INTELLIGENT_DATA_OF =
      AbiFunction.parse("intelligentDataOf(uint256) returns (" + DATA + "[])");
  public static final AbiFunction DATA_HASHES_OF =
      AbiFunction.parse("dataHashesOf(uint256) returns (bytes32[])");
  public static final AbiFunction DATA_HASH_HISTORY_OF =
      AbiFunction.parse("dataHashHistoryOf(uint256) returns (bytes32[])");
  public static final AbiFunction PARENT_OF =
      AbiFunction.parse("parentOf(uint256) returns (uint256)");
  public static final AbiFunction CREATOR_OF =
      AbiFunction.parse("creatorOf(uint256) returns (address)");
  public static final AbiFunction ROYALTY_INFO =
      AbiFunction.parse("royaltyInfo(uint256,uint256) returns (address,uint256)");
  public static final AbiFunction OWNER_OF =
      AbiFunction.parse("ownerOf(uint256) returns (address)");
  public static final AbiFunction BALANCE_OF =
      AbiFunction.parse("balanceOf(address) returns (uint256)");
  public static final AbiFunction TOTAL_SUPPLY =
      AbiFunction.parse("totalSupply() returns (uint256)");
  public static final AbiFunction APPROVE = AbiFunction.parse("approve(address,uint256)");
  public static final AbiFunction GET_APPROVED =
      AbiFunction.parse("getApproved(uint256) returns (address)");
  public static final AbiFunction IS_APPROVED_FOR_ALL =
      AbiFunction.parse("isApprovedForAll(address,address) returns (bool)");
  public static final AbiFunction SET_APPROVAL_FOR_ALL =
      AbiFunction.parse("setApprovalForAll(address,bool)");
  public static final AbiFunction TRANSFER_FROM =
      AbiFunction.parse("transferFrom(address,address,uint256)");
  public static final AbiFunction SAFE_TRANSFER_FROM =
      AbiFunction.parse("safeTransferFrom(address,address,uint256)");
  public static final AbiFunction SUPPORTS_INTERFACE =
      AbiFunction.parse("supportsInterface(bytes4) returns (bool)");

  // ---- AgentDataVerifier, OracleRegistry, SoftwareAttestation ----
  public static final AbiFunction VERIFIER_CONSTRUCTOR =
      AbiFunction.parse("AgentDataVerifier(address)");
  public static final AbiFunction IS_NONCE_USED =
      AbiFunction.parse("isNonceUsed(address,bytes32,bytes) returns (bool)");
  public static final AbiFunction REGISTRY_CONSTRUCTOR =
      AbiFunction.parse("OracleRegistry(address)");
  public static final AbiFunction SET_CHECKER_ACCEPTED =
      AbiFunction.parse("setCheckerAccepted(address,bool)");
  public static final AbiFunction REGISTER_ORACLE =
      AbiFunction.parse("registerOracle(address,address,bytes)");
  public static final AbiFunction REVOKE_ORACLE = AbiFunction.parse("revokeOracle(address)");
  public static final AbiFunction IS_ORACLE = AbiFunction.parse("isOracle(address) returns (bool)");
  public static final AbiFunction ORACLE_RECORD =
      AbiFunction.parse("oracleRecord(address) returns ((address,bytes32,bytes32,uint64,bool))");

  // ---- AgentMarket ----
  public static final AbiFunction MARKET_CONSTRUCTOR =
      AbiFunction.parse("AgentMarket(address,uint16,address)");
  public static final AbiFunction BUY =
      AbiFunction.parse("buy(" + ORDER + ",bytes," + PROOF + "[])");
  public static final AbiFunction ACCEPT_OFFER =
      AbiFunction.parse("acceptOffer(" + ORDER + ",bytes," + PROOF + "[])");
  public static final AbiFunction CANCEL = AbiFunction.parse("cancel(uint256)");
  public static final AbiFunction DEPOSIT = AbiFunction.parse("deposit()");
  public static final AbiFunction WITHDRAW = AbiFunction.parse("withdraw(uint256)");

  // ---- events ----
  public static final AbiEvent TRANSFERRED =
      AbiEvent.parse("Transferred(uint256 tokenId, address indexed from, address indexed to)");
  public static final AbiEvent CLONED =
      AbiEvent.parse(
          "Cloned(uint256 indexed tokenId, uint256 indexed newTokenId, address from, address to)");
  public static final AbiEvent PUBLISHED_SEALED_KEY =
      AbiEvent.parse(
          "PublishedSealedKey(address indexed to, uint256 indexed tokenId, bytes[] sealedKeys)");
  public static final AbiEvent AUTHORIZATION =
      AbiEvent.parse(
          "Authorization(address indexed from, address indexed to, uint256 indexed tokenId)");
  public static final AbiEvent AUTHORIZATION_REVOKED =
      AbiEvent.parse(
          "AuthorizationRevoked(address indexed from, address indexed to, uint256 indexed tokenId)");
  public static final AbiEvent DELEGATE_ACCESS_EVENT =
      AbiEvent.parse("DelegateAccess(address indexed user, address indexed assistant)");
  public static final AbiEvent MINTED =
      AbiEvent.parse(
          "Minted(uint256 indexed tokenId, address indexed creator, bytes32[] dataHashes)");
  public static final AbiEvent UPDATED =
      AbiEvent.parse(
          "Updated(uint256 indexed tokenId, bytes32[] oldDataHashes, bytes32[] newDataHashes)");
  public static final AbiEvent ENCRYPTION_KEY_SET =
      AbiEvent.parse("EncryptionKeySet(address indexed user, bytes key)");
  public static final AbiEvent ORACLE_REGISTERED =
      AbiEvent.parse(
          "OracleRegistered(address indexed oracle, address indexed checker, bytes32 measurement,"
              + " bytes32 evidenceHash)");
  public static final AbiEvent SOLD =
      AbiEvent.parse(
          "Sold(address indexed nft, uint256 indexed tokenId, address seller, address buyer,"
              + " uint256 price, address royaltyReceiver, uint256 royalty, uint256 fee)");

  private InftAbi() {}

  /** What intelligentDataOf returned. */
  public static List<IntelligentData> decodeIntelligentData(Bytes output) {
    return INTELLIGENT_DATA_OF.decodeReturn(output).tuples(0).stream()
        .map(t -> new IntelligentData(t.string(0), t.bytes32(1)))
        .toList();
  }

  /** The sealed keys a PublishedSealedKey log carries, one per data item, in order. */
  public static List<Bytes> decodeSealedKeys(List<Bytes32> topics, Bytes data) {
    return PUBLISHED_SEALED_KEY.decode(topics, data).list(2).stream().map(k -> (Bytes) k).toList();
  }

  /** ABI-encoded constructor arguments of {@code constructor} (a declaration named after it). */
  public static Bytes constructorArguments(AbiFunction constructor, Object... args) {
    return AbiCodec.encode(constructor.inputs(), List.of(args));
  }

  public static Bytes mint(List<IntelligentData> datas, int royaltyBps, DataProof proof) {
    return MINT.encodeCall(dataValues(datas), royaltyBps, proof.abiValue());
  }

  public static Bytes update(BigInteger tokenId, List<IntelligentData> datas, DataProof proof) {
    return UPDATE.encodeCall(tokenId, dataValues(datas), proof.abiValue());
  }

  public static Bytes iTransfer(
      Address to, BigInteger tokenId, List<TransferValidityProof> proofs) {
    return I_TRANSFER.encodeCall(to, tokenId, proofValues(proofs));
  }

  public static Bytes iClone(Address to, BigInteger tokenId, List<TransferValidityProof> proofs) {
    return I_CLONE.encodeCall(to, tokenId, proofValues(proofs));
  }

  public static Bytes buy(
      MarketOrder listing, Bytes signature, List<TransferValidityProof> proofs) {
    return BUY.encodeCall(listing.abiValue(), signature, proofValues(proofs));
  }

  public static Bytes acceptOffer(
      MarketOrder offer, Bytes signature, List<TransferValidityProof> proofs) {
    return ACCEPT_OFFER.encodeCall(offer.abiValue(), signature, proofValues(proofs));
  }

  private static List<Object> dataValues(List<IntelligentData> datas) {
    return datas.stream().map(d -> (Object) d.abiValue()).toList();
  }

  private static List<Object> proofValues(List<TransferValidityProof> proofs) {
    return proofs.stream().map(p -> (Object) p.abiValue()).toList();
  }
}

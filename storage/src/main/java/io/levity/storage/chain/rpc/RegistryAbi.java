package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.num.UInt256;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiException;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The StorageRegistry contract's interface (storage/contracts/StorageRegistry.sol) as SDK ABI
 * functions and the decoders from their results to the storage port's records. {@code
 * RegistryAbiTest} checks every declaration here against the ABI the compiler emitted.
 */
public final class RegistryAbi {
  private static final String FILE_RECORD = "(bytes32,uint64,uint8,uint8,bytes32,address)";

  public static final AbiFunction SUBMIT =
      AbiFunction.parse("submit(bytes32,uint64,uint8,uint8,bytes32)");
  public static final AbiFunction FILE =
      AbiFunction.parse("file(bytes32) returns (" + FILE_RECORD + ")");
  public static final AbiFunction FILE_COUNT = AbiFunction.parse("fileCount() returns (uint256)");
  public static final AbiFunction FILES_PAGE =
      AbiFunction.parse("filesPage(uint256,uint256) returns (" + FILE_RECORD + "[])");
  public static final AbiFunction REGISTER_NODE =
      AbiFunction.parse("registerNode(bytes32,string,bytes)");
  public static final AbiFunction REGISTRATION_DIGEST =
      AbiFunction.parse("registrationDigest(bytes32,string,address) returns (bytes32)");
  public static final AbiFunction NODE_COUNT = AbiFunction.parse("nodeCount() returns (uint256)");
  public static final AbiFunction NODES_PAGE =
      AbiFunction.parse("nodesPage(uint256,uint256) returns ((bytes32,string)[])");
  public static final AbiFunction DEREGISTER_NODE = AbiFunction.parse("deregisterNode(bytes32)");
  public static final AbiFunction WITHDRAW_DEPOSIT = AbiFunction.parse("withdrawDeposit(bytes32)");
  public static final AbiFunction DEPOSIT_OF =
      AbiFunction.parse("depositOf(bytes32) returns (uint256)");
  public static final AbiFunction OWNER_OF =
      AbiFunction.parse("ownerOf(bytes32) returns (address)");
  public static final AbiFunction OWNER = AbiFunction.parse("owner() returns (address)");
  public static final AbiFunction AUDITOR = AbiFunction.parse("auditor() returns (address)");
  public static final AbiFunction SET_AUDITOR = AbiFunction.parse("setAuditor(address)");
  public static final AbiFunction RECORD_PROOF =
      AbiFunction.parse("recordProof(uint64,bytes32,bytes32,uint32,bool,string)");
  public static final AbiFunction COMMIT_REPLICA =
      AbiFunction.parse("commitReplica(bytes32,bytes32,uint32,bytes32)");
  public static final AbiFunction REPLICA =
      AbiFunction.parse("replica(bytes32,bytes32,uint32) returns (bytes32)");
  public static final AbiEvent FILE_SUBMITTED =
      AbiEvent.parse(
          "FileSubmitted(bytes32 indexed fileRoot, address indexed submitter, uint64 length,"
              + " uint8 dataShards, uint8 parityShards, bytes32 shardCommitment)");
  public static final AbiEvent PROOF_RESULT =
      AbiEvent.parse(
          "ProofResult(uint64 indexed epoch, bytes32 indexed nodeId, address indexed reporter,"
              + " bytes32 fileRoot, uint32 shardIndex, bool passed, string reason)");

  /** Entries per page read; the contract's MAX_PAGE. */
  public static final int PAGE = 256;

  /** The contract's MAX_ENDPOINT_BYTES. */
  public static final int MAX_ENDPOINT_BYTES = 255;

  /** The contract's NODE_DEPOSIT: what a node's first registration carries (1 ether). */
  public static final UInt256 NODE_DEPOSIT = UInt256.valueOf(BigInteger.TEN.pow(18));

  /** The contract's EXIT_DELAY: blocks from deregistration until the deposit can be withdrawn. */
  public static final long EXIT_DELAY = 100;

  /** The contract's MAX_REASON_BYTES. */
  public static final int MAX_REASON_BYTES = 512;

  private RegistryAbi() {}

  public static Bytes submit(Submission s) {
    return SUBMIT.encodeCall(
        s.fileRoot(), s.length(), s.dataShards(), s.parityShards(), s.shardCommitment());
  }

  /** {@code signature}: the node key's over the registry's {@code registrationDigest}. */
  public static Bytes registerNode(StorageNodeRecord n, Bytes signature) {
    return REGISTER_NODE.encodeCall(n.nodeId(), n.endpoint(), signature);
  }

  public static Bytes setAuditor(Address auditor) {
    return SET_AUDITOR.encodeCall(auditor);
  }

  public static Bytes recordProof(ProofRecord r) {
    return RECORD_PROOF.encodeCall(
        r.epoch(), r.nodeId(), r.fileRoot(), r.shardIndex(), r.passed(), r.reason());
  }

  /** The record {@code file(root)} returned; empty when its root is zero (never submitted). */
  static Optional<Submission> decodeFile(AbiValues ret) {
    return decoding(
        "file record",
        () -> {
          AbiValues f = ret.tuple(0);
          return f.bytes32(0).isZero() ? Optional.empty() : Optional.of(fileRecord(f));
        });
  }

  static List<Submission> decodeFilesPage(AbiValues ret) {
    return decoding(
        "file page",
        () -> {
          List<Submission> out = new ArrayList<>();
          for (AbiValues f : ret.tuples(0)) out.add(fileRecord(f));
          return out;
        });
  }

  static List<StorageNodeRecord> decodeNodesPage(AbiValues ret) {
    return decoding(
        "node page",
        () -> {
          List<StorageNodeRecord> out = new ArrayList<>();
          for (AbiValues t : ret.tuples(0))
            out.add(new StorageNodeRecord(t.bytes32(0), t.string(1)));
          return out;
        });
  }

  /**
   * A ProofResult log: topics [event, epoch, nodeId, reporter], data (fileRoot, shardIndex, passed,
   * reason).
   */
  static ProofRecord decodeProofResult(List<Bytes32> topics, Bytes data) {
    return decoding(
        "ProofResult log",
        () -> {
          AbiValues v = PROOF_RESULT.decode(topics, data);
          int shard = (int) v.longValue(4);
          if (shard > 254) throw new RegistryException("ProofResult shard index " + shard);
          return new ProofRecord(
              v.longValue(0), v.bytes32(1), v.bytes32(3), shard, v.bool(5), v.string(6));
        });
  }

  private static Submission fileRecord(AbiValues f) {
    Address submitter = f.address(5);
    try {
      return new Submission(
          f.bytes32(0),
          f.longValue(1),
          (int) f.longValue(2),
          (int) f.longValue(3),
          f.bytes32(4),
          Bytes32.leftPad(submitter));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "the registry returned an invalid file record: " + e.getMessage(), e);
    }
  }

  /** Runs a decoder; malformed data is a RegistryException naming {@code what}. */
  static <T> T decoding(String what, Supplier<T> decoder) {
    try {
      return decoder.get();
    } catch (AbiException e) {
      throw new RegistryException("malformed " + what + ": " + e.getMessage(), e);
    }
  }

  /** A node endpoint the registry takes: host:port, 1..MAX_ENDPOINT_BYTES bytes of UTF-8. */
  static void validateEndpoint(String endpoint) {
    byte[] b = endpoint.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || b.length > MAX_ENDPOINT_BYTES) {
      throw new IllegalArgumentException(
          "endpoint must be 1.." + MAX_ENDPOINT_BYTES + " bytes, got " + b.length);
    }
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0 || colon == endpoint.length() - 1) {
      throw new IllegalArgumentException("endpoint must be host:port, got " + endpoint);
    }
  }

  /** {@code s} cut to at most {@code maxBytes} of UTF-8, never inside a character. */
  static String truncateUtf8(String s, int maxBytes) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= maxBytes) return s;
    int end = maxBytes;
    while (end > 0 && (b[end] & 0xc0) == 0x80) end--; // do not cut a character in half
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }
}

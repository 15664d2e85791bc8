package io.levity.storage.chain.rpc;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.storage.chain.ProofRecord;
import io.levity.storage.chain.StorageNodeRecord;
import io.levity.storage.chain.Submission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The StorageRegistry contract's interface (storage/contracts/StorageRegistry.sol) as call data and
 * decoders. {@code RegistryAbiTest} checks every signature here against the ABI the compiler
 * emitted.
 */
final class RegistryAbi {
  static final String SUBMIT = "submit(bytes32,uint64,uint8,uint8,bytes32)";
  static final String FILE = "file(bytes32)";
  static final String FILE_COUNT = "fileCount()";
  static final String FILES_PAGE = "filesPage(uint256,uint256)";
  static final String REGISTER_NODE = "registerNode(bytes32,string)";
  static final String NODE_COUNT = "nodeCount()";
  static final String NODES_PAGE = "nodesPage(uint256,uint256)";
  static final String OWNER_OF = "ownerOf(bytes32)";
  static final String RECORD_PROOF = "recordProof(uint64,bytes32,bytes32,uint32,bool,string)";
  static final String PROOF_RESULT_EVENT =
      "ProofResult(uint64,bytes32,address,bytes32,uint32,bool,string)";
  static final Bytes32 PROOF_RESULT_TOPIC = Abi.topic(PROOF_RESULT_EVENT);

  /** Entries per page read; the contract's MAX_PAGE. */
  static final int PAGE = 256;

  /** The contract's MAX_ENDPOINT_BYTES and MAX_REASON_BYTES. */
  static final int MAX_ENDPOINT_BYTES = 255;

  static final int MAX_REASON_BYTES = 512;

  private static final int FILE_RECORD_WORDS = 6;

  private RegistryAbi() {}

  static Bytes submit(Submission s) {
    return Abi.call(
        SUBMIT,
        Abi.word(s.fileRoot()),
        Abi.word(s.length()),
        Abi.word(s.dataShards()),
        Abi.word(s.parityShards()),
        Abi.word(s.shardCommitment()));
  }

  static Bytes file(Bytes32 root) {
    return Abi.call(FILE, Abi.word(root));
  }

  static Bytes fileCount() {
    return Abi.call(FILE_COUNT);
  }

  static Bytes filesPage(long offset) {
    return Abi.call(FILES_PAGE, Abi.word(offset), Abi.word(PAGE));
  }

  static Bytes registerNode(StorageNodeRecord n) {
    return Abi.call(REGISTER_NODE, Abi.word(n.nodeId()), Abi.string(n.endpoint()));
  }

  static Bytes nodeCount() {
    return Abi.call(NODE_COUNT);
  }

  static Bytes nodesPage(long offset) {
    return Abi.call(NODES_PAGE, Abi.word(offset), Abi.word(PAGE));
  }

  static Bytes ownerOf(Bytes32 nodeId) {
    return Abi.call(OWNER_OF, Abi.word(nodeId));
  }

  static Bytes recordProof(ProofRecord r) {
    return Abi.call(
        RECORD_PROOF,
        Abi.word(r.epoch()),
        Abi.word(r.nodeId()),
        Abi.word(r.fileRoot()),
        Abi.word(r.shardIndex()),
        Abi.word(r.passed()),
        Abi.string(r.reason()));
  }

  static long decodeCount(byte[] ret) {
    return new Abi.Reader(ret, "count").uint(0, 63);
  }

  static Address decodeAddress(byte[] ret) {
    return new Abi.Reader(ret, "address").address(0);
  }

  /** The record {@code file(root)} returned; empty when its root is zero (never submitted). */
  static Optional<Submission> decodeFile(byte[] ret) {
    Abi.Reader r = new Abi.Reader(ret, "file record");
    if (r.size() != 32 * FILE_RECORD_WORDS)
      throw new RegistryException("file record of " + r.size() + " bytes");
    return r.bytes32(0).isZero() ? Optional.empty() : Optional.of(fileRecord(r, 0));
  }

  static List<Submission> decodeFilesPage(byte[] ret) {
    Abi.Reader r = new Abi.Reader(ret, "file page");
    int at = r.follow(0, 0);
    int n = r.length(at, FILE_RECORD_WORDS);
    List<Submission> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(fileRecord(r, at + 32 + i * 32 * FILE_RECORD_WORDS));
    return out;
  }

  static List<StorageNodeRecord> decodeNodesPage(byte[] ret) {
    Abi.Reader r = new Abi.Reader(ret, "node page");
    int at = r.follow(0, 0);
    int n = r.length(at, 1);
    int heads = at + 32;
    List<StorageNodeRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int tuple = r.follow(heads, heads + 32 * i);
      Bytes32 id = r.bytes32(tuple);
      String endpoint = r.string(r.follow(tuple, tuple + 32));
      out.add(new StorageNodeRecord(id, endpoint));
    }
    return out;
  }

  /**
   * A ProofResult log: topics [event, epoch, nodeId, reporter], data (fileRoot, shardIndex, passed,
   * reason).
   */
  static ProofRecord decodeProofResult(List<Bytes32> topics, byte[] data) {
    if (topics.size() != 4 || !topics.get(0).equals(PROOF_RESULT_TOPIC)) {
      throw new RegistryException("not a ProofResult log: topics " + topics);
    }
    long epoch = new Abi.Reader(topics.get(1).toArray(), "epoch topic").uint(0, 63);
    Abi.Reader r = new Abi.Reader(data, "ProofResult data");
    Bytes32 fileRoot = r.bytes32(0);
    int shard = (int) r.uint(32, 32);
    if (shard > 254) throw new RegistryException("ProofResult shard index " + shard);
    boolean passed = r.bool(64);
    String reason = r.string(r.follow(0, 96));
    return new ProofRecord(epoch, topics.get(2), fileRoot, shard, passed, reason);
  }

  private static Submission fileRecord(Abi.Reader r, int at) {
    Bytes32 root = r.bytes32(at);
    long length = r.uint(at + 32, 63);
    int k = (int) r.uint(at + 64, 8);
    int m = (int) r.uint(at + 96, 8);
    Bytes32 commitment = r.bytes32(at + 128);
    Address submitter = r.address(at + 160);
    try {
      return new Submission(root, length, k, m, commitment, Bytes32.leftPad(submitter));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "the registry returned an invalid file record: " + e.getMessage(), e);
    }
  }
}

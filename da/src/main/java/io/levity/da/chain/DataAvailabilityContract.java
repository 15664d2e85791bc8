package io.levity.da.chain;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.CustomErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The DataAvailability contract (da/contracts, compiled by compile.js into this package's
 * resources): its code, its interface, its errors, and the conversion of BN254 points between the
 * 64- and 128-byte encodings of {@code io.levity.core.crypto.bls} and the contract's uint256
 * arrays. {@code DataAvailabilityAbiTest} checks the declarations against the compiled ABI.
 */
public final class DataAvailabilityContract {
  static final String CERT_ARGS = "(bytes32,uint64,uint256,uint256[2],uint256[4])";

  public static final AbiFunction CONSTRUCTOR =
      fn("constructor(uint64,uint16,uint256,uint16,uint64)");
  public static final AbiFunction REGISTER =
      fn("register(uint256[2],uint256[4],uint256[2],string) returns (uint256)");
  public static final AbiFunction EXIT = fn("exit()");
  public static final AbiFunction WITHDRAW = fn("withdraw()");
  public static final AbiFunction CHECK_DA_CERT = fn("checkDACert" + CERT_ARGS + " returns (bool)");
  public static final AbiFunction CERTIFY = fn("certify" + CERT_ARGS);
  public static final AbiFunction NODE_COUNT = fn("nodeCount() returns (uint256)");
  public static final AbiFunction NODE =
      fn("node(uint256) returns (address,uint256,uint256[2],uint256[4],string,uint64,uint64)");
  public static final AbiFunction EPOCH_BLOCKS = fn("epochBlocks() returns (uint64)");
  public static final AbiFunction THRESHOLD_BPS = fn("thresholdBps() returns (uint16)");
  public static final AbiFunction MIN_STAKE = fn("minStake() returns (uint256)");
  public static final AbiFunction CURRENT_EPOCH = fn("currentEpoch() returns (uint64)");
  public static final AbiFunction TOTAL_STAKE = fn("totalStake(uint64) returns (uint256)");
  public static final AbiFunction CERTIFIED =
      fn("certified(bytes32) returns (uint64,uint256,uint64)");
  public static final AbiFunction SIGNING_MESSAGE =
      fn("signingMessage(bytes32,uint64) returns (bytes32)");
  public static final AbiFunction POP_MESSAGE =
      fn("popMessage(address,uint256[2]) returns (bytes32)");
  public static final AbiFunction HASH_TO_G1 =
      fn("hashToG1(bytes32) returns (bool,uint256,uint256)");

  public static final AbiEvent BLOB_CERTIFIED =
      AbiEvent.parse("BlobCertified(bytes32 indexed,uint64,uint256,uint256,uint256)");
  public static final AbiEvent NODE_REGISTERED =
      AbiEvent.parse("NodeRegistered(uint256 indexed,address indexed,uint64,uint256)");

  /** Every revert the contract makes. */
  public static final CustomErrors ERRORS =
      new CustomErrors(
          List.of(
              "BadParameters()",
              "StakeTooLow(uint256,uint256)",
              "BadEndpoint(uint256,uint256)",
              "TooManyNodes(uint256)",
              "AlreadyRegistered(address)",
              "ZeroKey()",
              "BadPossessionProof(address)",
              "NotRegistered(address)",
              "AlreadyExited(address)",
              "NotWithdrawable(uint64,uint64)",
              "TransferFailed(address,uint256)",
              "StaleEpoch(uint64,uint64)",
              "UnknownSigner(uint256)",
              "UnderThreshold(uint256,uint256)",
              "BadSignature()",
              "AlreadyCertified(bytes32)"));

  private DataAvailabilityContract() {}

  /** The creation code without constructor arguments. */
  public static Bytes creationCode() {
    return hexResource("DataAvailability.creation.hex");
  }

  /** The creation code followed by {@code parameters} as constructor arguments. */
  public static Bytes deployment(DaParameters parameters) {
    return Bytes.concat(creationCode(), parameters.constructorArguments());
  }

  /** The runtime code (its immutables zero: deploy through the constructor). */
  public static Bytes runtimeCode() {
    return hexResource("DataAvailability.runtime.hex");
  }

  /** A point's encoding (64 bytes for G1, 128 for G2) as the contract's uint256 words. */
  public static List<BigInteger> words(Bytes point) {
    if (point.size() != 64 && point.size() != 128)
      throw new IllegalArgumentException("a point is 64 or 128 bytes, got " + point.size());
    List<BigInteger> out = new ArrayList<>();
    for (int i = 0; i < point.size(); i += 32)
      out.add(new BigInteger(1, point.slice(i, 32).toArray()));
    return out;
  }

  /** The words of a point back to its encoding (each word below 2^256). */
  public static Bytes point(List<?> words) {
    byte[] out = new byte[32 * words.size()];
    for (int i = 0; i < words.size(); i++) {
      byte[] w = ((BigInteger) words.get(i)).toByteArray();
      int n = Math.min(w.length, 32);
      System.arraycopy(w, w.length - n, out, 32 * i + 32 - n, n);
    }
    return Bytes.wrap(out);
  }

  private static AbiFunction fn(String declaration) {
    return AbiFunction.parse(declaration);
  }

  private static Bytes hexResource(String name) {
    try (InputStream in = DataAvailabilityContract.class.getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "resource " + name + " missing; run node da/contracts/compile.js");
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.levity.inft;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.AbiException;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.abi.RevertReason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The custom errors of the iNFT contracts (every revert they make is one), so that a client can say
 * which rule a transaction broke. {@code InftAbiTest} checks this list against the compiled ABIs.
 */
public final class InftErrors {
  public static final List<String> DECLARATIONS =
      List.of(
          // Signatures
          "MalformedSignature(uint256)",
          "SignatureNotCanonical()",
          "SignatureUnrecoverable()",
          // AgentDataVerifier
          "ZkProofsNotSupported(uint256)",
          "ProofExpired(uint256,uint256)",
          "OracleNotRegistered(address)",
          "AccessNotGranted(address,address)",
          "NonceAlreadyUsed(address,bytes)",
          "ProofsDisagree(uint256)",
          "ReceiverKeyMismatch(uint256)",
          "ReceiverKeyNotRegistered(address)",
          "BadPublicKey(uint256)",
          "CallerNotATokenContract(address)",
          // AgentNFT
          "TokenDoesNotExist(uint256)",
          "NotTokenOwner(uint256,address)",
          "NotOwnerNorApproved(uint256,address)",
          "InvalidReceiver(address)",
          "WrongSender(address,address)",
          "PrivateDataNeedsITransfer(uint256)",
          "ProofCountMismatch(uint256,uint256)",
          "StaleDataHash(uint256,bytes32,bytes32)",
          "RoyaltyTooHigh(uint96)",
          "TooManyDataItems(uint256)",
          "UserAlreadyAuthorized(uint256,address)",
          "UserNotAuthorized(uint256,address)",
          "TooManyAuthorizedUsers(uint256)",
          "ReceiverRejectedToken(address)",
          // OracleRegistry, SoftwareAttestation
          "NotAdmin(address)",
          "CheckerNotAccepted(address)",
          "ZeroAddress()",
          "OracleAlreadyActive(address)",
          "OracleNotActive(address)",
          "KeyNotHeld(address,address)",
          // AgentMarket
          "FeeTooHigh(uint16)",
          "OrderExpired(uint256,uint256)",
          "OrderAlreadyUsed(address,uint256)",
          "WrongOrderSigner(address,address)",
          "NotOrderTaker(address,address)",
          "WrongPayment(uint256,uint256)",
          "SellerNotOwner(address,address)",
          "InsufficientBalance(address,uint256,uint256)",
          "PaymentsExceedPrice(uint256,uint256,uint256)",
          "WithdrawalFailed(address,uint256)");

  private static final Map<Bytes, AbiFunction> BY_SELECTOR = new LinkedHashMap<>();

  static {
    for (String d : DECLARATIONS) {
      AbiFunction f = AbiFunction.parse(d);
      BY_SELECTOR.put(f.selector(), f);
    }
  }

  private InftErrors() {}

  /** The custom error's name, if {@code revertData} is one of ours. */
  public static Optional<String> name(Bytes revertData) {
    return error(revertData).map(AbiFunction::name);
  }

  /**
   * A one-line account of a revert: the custom error with its arguments ("StaleDataHash(0, 0x..,
   * 0x..)"), a Solidity reason or panic, or the raw data.
   */
  public static String describe(Bytes revertData) {
    Optional<AbiFunction> error = error(revertData);
    if (error.isEmpty())
      return RevertReason.of(revertData)
          .orElse(revertData.size() == 0 ? "reverted without data" : revertData.toHex());
    AbiFunction f = error.get();
    try {
      AbiValues args = f.decodeCall(revertData);
      return f.name()
          + args.values().stream()
              .map(InftErrors::show)
              .collect(Collectors.joining(", ", "(", ")"));
    } catch (AbiException e) {
      return f.name() + " (undecodable arguments: " + e.getMessage() + ")";
    }
  }

  private static Optional<AbiFunction> error(Bytes revertData) {
    if (revertData.size() < 4) return Optional.empty();
    return Optional.ofNullable(BY_SELECTOR.get(revertData.slice(0, 4)));
  }

  private static String show(Object value) {
    return value instanceof Bytes b ? b.toHex() : String.valueOf(value);
  }
}

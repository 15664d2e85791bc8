package io.levity.inft;

import io.levity.core.bytes.Bytes;
import io.levity.sdk.abi.CustomErrors;
import java.util.List;
import java.util.Optional;

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

  private static final CustomErrors ERRORS = new CustomErrors(DECLARATIONS);

  private InftErrors() {}

  /** The custom error's name, if {@code revertData} is one of ours. */
  public static Optional<String> name(Bytes revertData) {
    return ERRORS.name(revertData);
  }

  /**
   * A one-line account of a revert: the custom error with its arguments ("StaleDataHash(0, 0x..,
   * 0x..)"), a Solidity reason or panic, or the raw data.
   */
  public static String describe(Bytes revertData) {
    return ERRORS.describe(revertData);
  }
}

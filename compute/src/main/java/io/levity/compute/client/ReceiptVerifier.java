package io.levity.compute.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.compute.inference.InferenceRequest;
import io.levity.compute.inference.InferenceResponse;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.compute.serving.ServingReceipt;
import io.levity.compute.serving.ServingRequestTerms;
import io.levity.compute.serving.ServingResponseTerms;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import java.util.Optional;

/**
 * Checks one answer's receipt against what the client knows for itself: the request it signed, the
 * hash of what it received and the provider's registered service (prices, model root, signer).
 * Pure: no I/O. Runs the {@link ReceiptCheck}s in their declared order and throws {@link
 * ReceiptRejectedException} on the first that fails.
 */
public final class ReceiptVerifier {
  private ReceiptVerifier() {}

  /**
   * Parses the receipt (the answer's {@code levity} field, in {@link ReceiptJournal#toJson}'s
   * shape); a missing or malformed one fails {@link ReceiptCheck#RECEIPT}.
   */
  public static ServingReceipt parse(Address provider, JsonNode levity) {
    if (levity == null || !levity.isObject())
      throw new ReceiptRejectedException(provider, ReceiptCheck.RECEIPT, "no levity field");
    try {
      return ReceiptJournal.fromJson(levity);
    } catch (RuntimeException e) {
      throw new ReceiptRejectedException(provider, ReceiptCheck.RECEIPT, e.getMessage());
    }
  }

  /**
   * Verifies {@code receipt} (already parsed) for {@code sent}, answered with content hashing to
   * {@code received}; returns it when every check passes.
   */
  public static ServingReceipt verify(
      InferenceService service,
      InferenceTypedData.Domain domain,
      InferenceRequest sent,
      Bytes32 received,
      ServingReceipt receipt) {
    Address provider = sent.provider();
    ServingRequestTerms q = receipt.request();
    ServingResponseTerms s = receipt.response();
    check(
        provider,
        ReceiptCheck.REQUEST_HASH,
        q.requestHash().equals(sent.requestHash()) && s.requestHash().equals(sent.requestHash()),
        "");
    check(
        provider,
        ReceiptCheck.USER,
        q.user().equals(sent.user()) && s.user().equals(sent.user()),
        s.user().toHex());
    check(
        provider,
        ReceiptCheck.NONCE,
        q.nonce() == sent.nonce() && s.nonce() == sent.nonce(),
        "sent " + sent.nonce() + ", receipt " + s.nonce());
    check(provider, ReceiptCheck.RESPONSE_HASH, s.responseHash().equals(received), "");
    check(
        provider,
        ReceiptCheck.MODEL_ROOT,
        s.modelRoot().equals(service.modelRoot()),
        s.modelRoot().toHex());
    check(
        provider,
        ReceiptCheck.FEE,
        s.fee().equals(service.fee(s.inputTokens(), s.outputTokens())),
        s.fee() + " wei for " + s.inputTokens() + " in, " + s.outputTokens() + " out");
    check(
        provider,
        ReceiptCheck.MAX_FEE,
        s.fee().compareTo(sent.maxFee()) <= 0,
        s.fee() + " > " + sent.maxFee() + " wei");
    // the terms signed are rebuilt from what this client knows, not read from the receipt
    InferenceResponse expected =
        new InferenceResponse(
            sent.requestHash(),
            received,
            service.modelRoot(),
            s.inputTokens(),
            s.outputTokens(),
            s.fee(),
            sent.user(),
            sent.nonce());
    Optional<Address> signer =
        InferenceTypedData.recover(
            InferenceTypedData.responseDigest(domain, expected), receipt.providerSignature());
    check(
        provider,
        ReceiptCheck.SIGNATURE,
        signer.isPresent() && signer.get().equals(service.signer()),
        signer.map(a -> "recovers to " + a.toHex()).orElse("does not recover"));
    return receipt;
  }

  private static void check(Address provider, ReceiptCheck check, boolean ok, String detail) {
    if (!ok) throw new ReceiptRejectedException(provider, check, detail);
  }
}

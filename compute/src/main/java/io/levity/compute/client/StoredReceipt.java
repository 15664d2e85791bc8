package io.levity.compute.client;

import io.levity.compute.inference.InferenceReceipt;
import io.levity.compute.provider.SettlementLoop;
import io.levity.compute.serving.ServingReceipt;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer as the user's store keeps it (see {@link UserReceiptStore} for the file format): the
 * receipt (the user's signed request terms and signature, the provider's signed response terms and
 * signature), the exact request body sent, the exact bytes the response hash is over (a chat
 * answer's UTF-8 text, everything streamed for a stream; an embedding answer's float32
 * little-endian vectors), and, when verification failed, the check that failed: such a receipt is
 * evidence against the provider.
 *
 * @param endpoint the provider's registered endpoint it was sent to
 * @param path the API path, e.g. {@code /chat/completions}
 * @param model the model the body named
 * @param savedAtMillis when it was stored (Unix milliseconds)
 */
public record StoredReceipt(
    ServingReceipt receipt,
    String endpoint,
    String path,
    String model,
    boolean stream,
    Bytes requestBody,
    Bytes response,
    Optional<ReceiptCheck> failedCheck,
    long savedAtMillis) {
  public StoredReceipt {
    Objects.requireNonNull(receipt, "receipt");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(requestBody, "requestBody");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(failedCheck, "failedCheck");
  }

  /** Whether every {@link ReceiptCheck} passed when it was received. */
  public boolean verified() {
    return failedCheck.isEmpty();
  }

  public long nonce() {
    return receipt.request().nonce();
  }

  /** The response as text (a chat answer; meaningless for embeddings). */
  public String responseText() {
    return new String(response.toArray(), StandardCharsets.UTF_8);
  }

  /** Whether the stored body and response still hash to the receipt's hashes. */
  public boolean hashesMatch() {
    return Keccak.hash(requestBody.toArray()).equals(receipt.request().requestHash())
        && Keccak.hash(response.toArray()).equals(receipt.response().responseHash());
  }

  /** The market's receipt (a settlement leaf; what a challenge submits). */
  public InferenceReceipt marketReceipt() {
    return SettlementLoop.receipt(receipt);
  }
}

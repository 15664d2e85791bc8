package io.levity.compute.client;

/**
 * The checks a user's client runs on every answer's receipt, in this order; a failed one is named
 * in {@link ReceiptRejectedException} and in the proxy's 502.
 */
public enum ReceiptCheck {
  /** The answer carries a receipt with every field well formed. */
  RECEIPT("the answer carries no well-formed receipt"),
  /** The receipt's request hash is the Keccak-256 of the body this client sent. */
  REQUEST_HASH("the receipt's request hash is not the hash of the body sent"),
  /** The receipt names this client's user. */
  USER("the receipt names another user"),
  /** The receipt names the nonce this request was signed with. */
  NONCE("the receipt names another nonce"),
  /** The receipt's response hash is the Keccak-256 of what was received. */
  RESPONSE_HASH("the receipt's response hash is not the hash of the answer received"),
  /** The receipt's model root is the registered service's. */
  MODEL_ROOT("the receipt's model root is not the registered model's"),
  /** The fee is price_in x input tokens + price_out x output tokens at the registered prices. */
  FEE("the fee is not the registered prices times the tokens"),
  /** The fee is at most the max fee this client signed. */
  MAX_FEE("the fee is above the max fee signed"),
  /** The provider's signature recovers to the registered signer over these terms. */
  SIGNATURE("the provider's signature does not recover to its registered signer");

  private final String meaning;

  ReceiptCheck(String meaning) {
    this.meaning = meaning;
  }

  /** What failing it means, in words. */
  public String meaning() {
    return meaning;
  }
}

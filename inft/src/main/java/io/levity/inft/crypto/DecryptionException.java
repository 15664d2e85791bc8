package io.levity.inft.crypto;

/** A ciphertext or sealed key did not open: wrong key, tampered or truncated. */
public final class DecryptionException extends Exception {
  public DecryptionException(String message) {
    super(message);
  }
}

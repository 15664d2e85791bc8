package io.levity.ai.hf;

import java.io.IOException;

/** A Hugging Face model folder this importer cannot read, or weights it cannot export; says why. */
public final class HfFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public HfFormatException(String message) {
    super(message);
  }

  public HfFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}

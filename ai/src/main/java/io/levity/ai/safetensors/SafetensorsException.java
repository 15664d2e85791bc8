package io.levity.ai.safetensors;

import java.io.IOException;

/** A safetensors file that breaks the format or this reader's limits; the message says where. */
public final class SafetensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  public SafetensorsException(String message) {
    super(message);
  }

  public SafetensorsException(String message, Throwable cause) {
    super(message, cause);
  }
}

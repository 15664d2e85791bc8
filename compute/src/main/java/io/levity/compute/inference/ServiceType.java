package io.levity.compute.inference;

/** What a registered service serves, with the code the contract stores. */
public enum ServiceType {
  CHAT(0),
  EMBEDDINGS(1);

  private final int code;

  ServiceType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static ServiceType of(int code) {
    for (ServiceType t : values()) if (t.code == code) return t;
    throw new IllegalArgumentException("no service type " + code);
  }
}

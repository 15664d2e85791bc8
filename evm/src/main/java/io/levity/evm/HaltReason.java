package io.levity.evm;

/** Why a frame halted exceptionally (consuming all its gas). */
public enum HaltReason {
  OUT_OF_GAS("out of gas"),
  STACK_UNDERFLOW("stack underflow"),
  STACK_OVERFLOW("stack limit reached 1024"),
  INVALID_OPCODE("invalid opcode"),
  INVALID_JUMP("invalid jump destination"),
  STATIC_STATE_CHANGE("write protection (state change in a static call)"),
  RETURN_DATA_OUT_OF_BOUNDS("return data out of bounds"),
  CODE_SIZE_LIMIT("max code size exceeded"),
  INVALID_CODE_PREFIX("invalid code: must not begin with 0xef"),
  CODE_DEPOSIT_OUT_OF_GAS("contract creation code storage out of gas"),
  CREATE_COLLISION("contract address collision"),
  INITCODE_SIZE_LIMIT("max initcode size exceeded"),
  PRECOMPILE_FAILURE("precompiled contract failed"),
  INSUFFICIENT_BALANCE("insufficient balance for transfer");

  private final String message;

  HaltReason(String message) {
    this.message = message;
  }

  /** The message used in traces (close to go-ethereum's wording, for differential comparison). */
  public String message() {
    return message;
  }
}

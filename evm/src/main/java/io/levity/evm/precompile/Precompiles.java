package io.levity.evm.precompile;

/** The precompiled contracts of each fork, indexed by address (index 0 unused). */
public final class Precompiles {
  private Precompiles() {}

  /**
   * Cancun: 0x01 ECRECOVER through 0x0a POINT EVALUATION. A fresh array each call; the contracts
   * are stateless.
   */
  public static Precompile[] cancun() {
    return new Precompile[] {
      null,
      new EcRecover(),
      new Sha256Hash(),
      new Ripemd160Hash(),
      new Identity(),
      new ModExp(),
      new Bn254Add(),
      new Bn254Mul(),
      new Bn254Pairing(),
      new Blake2f(),
      new KzgPointEvaluation(),
    };
  }
}

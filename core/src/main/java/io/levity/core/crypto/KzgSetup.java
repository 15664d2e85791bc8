package io.levity.core.crypto;

import ethereum.ckzg4844.CKZG4844JNI;

/**
 * Loads the native c-kzg library and the Ethereum KZG ceremony trusted setup (the {@code
 * trusted_setup.txt} resource shipped in web3j's crypto jar) once per process, on first use, from
 * any thread.
 */
public final class KzgSetup {
  static final String RESOURCE = "/trusted_setup.txt";

  /**
   * c-kzg's precomputation for fixed-base multi-scalar multiplication (the {@code precompute}
   * argument of the setup load): it speeds up what computes cell proofs (EIP-7594 {@code
   * compute_cells_and_kzg_proofs}, and {@code recover_cells_and_kzg_proofs}, which recomputes
   * them), not verification nor the EIP-4844 precompile. Measured on the 2-core build machine, one
   * thread encoding a 4 MiB blob (34 pieces) with the DA encoder: 0 gives 17.5 s (0.24 MB/s, 515 ms
   * a piece), 8 gives 13.4 s (0.31 MB/s, 393 ms a piece): 24% less time, for about 96 MiB more
   * native memory (resident set after the load: +7 MiB with 0, +103 MiB with 8) and 0.7 s more to
   * load (3.2 s against 3.9 s). The DA layer encodes and recovers blobs of up to 16 MiB (133
   * pieces), so 8 is taken. There is one setup per process, so this is one constant.
   */
  public static final long PRECOMPUTE = 8;

  private static volatile boolean loaded;

  private KzgSetup() {}

  /**
   * Makes sure the setup is loaded. The native library holds one setup per process; if another
   * component loaded it already, that one is used (there is only one Ethereum ceremony setup), with
   * its own {@code precompute}. Components must not call {@code CKZG4844JNI.loadNativeLibrary()}
   * after this: each call loads another copy of the library, without the setup.
   *
   * @throws IllegalStateException when the native library or the resource cannot be loaded
   */
  public static void ensureLoaded() {
    if (loaded) return;
    synchronized (KzgSetup.class) {
      if (loaded) return;
      try {
        State state = probe();
        // loadNativeLibrary extracts and loads a fresh copy of the library on every call: a second
        // copy would bind some native methods to a library without the setup
        if (state == State.NO_LIBRARY) CKZG4844JNI.loadNativeLibrary();
        if (state != State.READY) {
          CKZG4844JNI.loadTrustedSetupFromResource(RESOURCE, KzgSetup.class, PRECOMPUTE);
        }
      } catch (RuntimeException e) {
        // another component may have loaded it since the probe: that setup is the same ceremony
        if (e.getMessage() != null && e.getMessage().contains("already loaded")) {
          loaded = true;
          return;
        }
        throw new IllegalStateException(
            "could not load the KZG trusted setup "
                + RESOURCE
                + " (is org.web3j:crypto on the classpath?): "
                + e.getMessage(),
            e);
      } catch (UnsatisfiedLinkError e) {
        throw new IllegalStateException(
            "could not load the native KZG library: " + e.getMessage(), e);
      }
      loaded = true;
    }
  }

  private enum State {
    NO_LIBRARY,
    NO_SETUP,
    READY
  }

  /** What is loaded already: one commitment to the zero blob tells. */
  private static State probe() {
    try {
      CKZG4844JNI.blobToKzgCommitment(new byte[CKZG4844JNI.BYTES_PER_BLOB]);
      return State.READY;
    } catch (UnsatisfiedLinkError e) {
      return State.NO_LIBRARY;
    } catch (RuntimeException e) {
      // c-kzg says "Trusted Setup is not loaded" with a plain RuntimeException
      return State.NO_SETUP;
    }
  }
}

package io.levity.core.crypto;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;

/**
 * Loads the native c-kzg library and the Ethereum KZG ceremony trusted setup (the {@code
 * trusted_setup.txt} resource shipped in web3j's crypto jar) once per process, on first use, from
 * any thread.
 */
public final class KzgSetup {
  static final String RESOURCE = "/trusted_setup.txt";

  /**
   * c-kzg's precomputation for fixed-base multi-scalar multiplication (the {@code precompute}
   * argument of the setup load), which only the EIP-7594 cell proofs use. Figures: TODO measure.
   */
  public static final long PRECOMPUTE = 0;

  private static volatile boolean loaded;

  private KzgSetup() {}

  /**
   * Makes sure the setup is loaded. The native library holds one setup per process; if another
   * component loaded it already, that one is used (there is only one Ethereum ceremony setup).
   *
   * @throws IllegalStateException when the native library or the resource cannot be loaded
   */
  public static void ensureLoaded() {
    if (loaded) return;
    synchronized (KzgSetup.class) {
      if (loaded) return;
      try {
        CKZG4844JNI.loadNativeLibrary();
        CKZG4844JNI.loadTrustedSetupFromResource(RESOURCE, KzgSetup.class, PRECOMPUTE);
      } catch (CKZGException e) {
        if (e.getMessage() == null || !e.getMessage().contains("already loaded")) {
          throw new IllegalStateException(
              "could not load the KZG trusted setup "
                  + RESOURCE
                  + " (is org.web3j:crypto on the classpath?): "
                  + e.getMessage(),
              e);
        }
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        throw new IllegalStateException(
            "could not load the native KZG library or the trusted setup "
                + RESOURCE
                + ": "
                + e.getMessage(),
            e);
      }
      loaded = true;
    }
  }
}

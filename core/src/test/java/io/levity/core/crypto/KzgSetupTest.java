package io.levity.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ethereum.ckzg4844.CKZG4844JNI;
import org.junit.jupiter.api.Test;

class KzgSetupTest {
  @Test
  void acceptsASetupAnotherComponentLoadedFirst() {
    CKZG4844JNI.loadNativeLibrary();
    try {
      CKZG4844JNI.loadTrustedSetupFromResource(KzgSetup.RESOURCE, KzgSetupTest.class, 0);
    } catch (RuntimeException e) {
      // a test before this one in the same JVM loaded it: the point holds all the same
      assertThat(e).hasMessageContaining("already loaded");
    }
    assertThatCode(KzgSetup::ensureLoaded).doesNotThrowAnyException();
    // the setup is usable: the zero blob commits to the point at infinity
    assertThat(CKZG4844JNI.blobToKzgCommitment(new byte[CKZG4844JNI.BYTES_PER_BLOB])[0])
        .isEqualTo((byte) 0xc0);
  }
}

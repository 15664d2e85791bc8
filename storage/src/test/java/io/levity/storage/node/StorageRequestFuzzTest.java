package io.levity.storage.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.levity.storage.proof.Challenge;
import io.levity.storage.proof.ProofFormatException;
import io.levity.testing.DecoderContract;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz targets for the storage node's request parsing, without sockets (docs/security.md, Fuzzing).
 * {@code route}: the first byte picks the method, the second says whether a body is announced, the
 * rest is the request target as received; it routes or is refused with a {@link NodeError} that is
 * a client error (4xx), never an internal one. {@code challenge}: a challenge body decodes or
 * throws {@link ProofFormatException}, and re-encodes to exactly the input. Seeds: {@code
 * StorageRequestFuzzTestInputs/<method>}.
 */
class StorageRequestFuzzTest {
  private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");

  @FuzzTest
  void route(byte[] input) {
    if (input.length < 2) return;
    String method = METHODS.get((input[0] & 0xff) % METHODS.size());
    boolean hasBody = (input[1] & 1) != 0;
    // HTTP/1.1 request targets are bytes; Netty's decoder hands them over as ISO-8859-1
    String uri =
        new String(Arrays.copyOfRange(input, 2, input.length), StandardCharsets.ISO_8859_1);
    try {
      NodeRequest request = NodeRoutes.route(method, uri, hasBody);
      assertThat(request).isNotNull();
    } catch (NodeError e) {
      assertThat(e.code().status() / 100).as("%s", e.getMessage()).isEqualTo(4);
    }
  }

  @FuzzTest
  void challenge(byte[] input) throws Exception {
    DecoderContract.holds(input, Challenge::decode, Challenge::encode, ProofFormatException.class);
  }
}

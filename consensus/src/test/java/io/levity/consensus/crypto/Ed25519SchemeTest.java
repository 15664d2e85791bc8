package io.levity.consensus.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519SchemeTest {
  private final SignatureScheme scheme = Ed25519Scheme.INSTANCE;

  private Signer signer(int i) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) i);
    return scheme.signer(seed);
  }

  @Test
  void signsDeterministicallyAndVerifies() {
    Signer s = signer(1);
    byte[] msg = "hello".getBytes(StandardCharsets.UTF_8);
    assertThat(s.sign(msg)).isEqualTo(s.sign(msg));
    assertThat(scheme.verify(s.publicKey(), msg, s.sign(msg))).isTrue();
    assertThat(scheme.verify(signer(2).publicKey(), msg, s.sign(msg))).isFalse();
    assertThat(scheme.verify(s.publicKey(), "hellO".getBytes(StandardCharsets.UTF_8), s.sign(msg)))
        .isFalse();
  }

  @Test
  void anAggregateVerifiesOnlyWithEverySignatureIntactAndInOrder() {
    List<Bytes> keys = new ArrayList<>();
    List<byte[]> msgs = new ArrayList<>();
    List<Bytes> sigs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Signer s = signer(i + 1);
      byte[] m = ("m" + i).getBytes(StandardCharsets.UTF_8);
      keys.add(s.publicKey());
      msgs.add(m);
      sigs.add(s.sign(m));
    }
    Bytes agg = scheme.aggregate(sigs);
    assertThat(scheme.verifyAggregate(keys, msgs, agg)).isTrue();
    byte[] bad = agg.toArray();
    bad[100] ^= 1;
    assertThat(scheme.verifyAggregate(keys, msgs, Bytes.wrap(bad))).isFalse();
    assertThat(scheme.verifyAggregate(List.of(keys.get(1), keys.get(0), keys.get(2)), msgs, agg))
        .isFalse();
    assertThat(scheme.verifyAggregate(keys.subList(0, 2), msgs.subList(0, 2), agg)).isFalse();
  }
}

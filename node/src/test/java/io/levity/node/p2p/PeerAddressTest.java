package io.levity.node.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PeerAddressTest {
  @Test
  void parsesHostAndPort() {
    assertThat(PeerAddress.parse("127.0.0.1:30330")).isEqualTo(new PeerAddress("127.0.0.1", 30330));
    assertThat(PeerAddress.parse("127.0.0.1:30330").toString()).isEqualTo("127.0.0.1:30330");
  }

  @Test
  void rejectsWhatIsNotHostColonPort() {
    for (String bad : new String[] {"127.0.0.1", ":1", "h:", "h:x", "h:0", "h:70000"}) {
      assertThatThrownBy(() -> PeerAddress.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void disconnectCodesAreDistinctAndRoundTrip() {
    assertThat(
            Arrays.stream(DisconnectReason.values()).map(DisconnectReason::code).distinct().count())
        .isEqualTo(DisconnectReason.values().length);
    for (DisconnectReason r : DisconnectReason.values())
      assertThat(DisconnectReason.fromCode(r.code())).isEqualTo(r);
    assertThat(DisconnectReason.fromCode(999)).isNull();
  }
}

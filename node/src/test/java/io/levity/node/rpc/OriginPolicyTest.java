package io.levity.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
  private final OriginPolicy local = new OriginPolicy(OriginPolicy.LOCAL);

  @Test
  void toolsAndLocalPagesAreServedOtherSitesAreNot() {
    assertThat(local.allows(null)).isTrue(); // ethers, viem, web3j, curl: no Origin
    assertThat(local.allows("http://localhost:5173")).isTrue();
    assertThat(local.allows("http://127.0.0.1")).isTrue();
    assertThat(local.allows("HTTP://LOCALHOST:3000")).isTrue();
    assertThat(local.allows("http://[::1]:8080")).isTrue();
    assertThat(local.allows("https://evil.example")).isFalse();
    assertThat(local.allows("http://localhost.evil.example")).isFalse();
    assertThat(local.allows("http://localhost:3000.evil.example")).isFalse();
    assertThat(local.allows("http://127.0.0.1.nip.io")).isFalse();
    assertThat(local.allows("null")).isFalse(); // file:// pages and sandboxed frames
  }

  @Test
  void theListIsConfigurable() {
    OriginPolicy app = new OriginPolicy(List.of("https://app.example:8443"));
    assertThat(app.allows("https://app.example:8443")).isTrue();
    assertThat(app.allows("https://app.example")).isFalse();
    assertThat(app.allows("https://app.example:9443")).isFalse();
    assertThat(new OriginPolicy(List.of("*")).allows("https://anything.example")).isTrue();
  }

  @Test
  void hostHeadersOtherThanThisMachineAreRefused() {
    assertThat(local.allowsHost(null)).isTrue(); // HTTP/1.0 tools
    assertThat(local.allowsHost("127.0.0.1:8545")).isTrue();
    assertThat(local.allowsHost("10.1.2.3")).isTrue(); // IP literals cannot be rebound
    assertThat(local.allowsHost("[::1]:8545")).isTrue();
    assertThat(local.allowsHost("LOCALHOST:8545")).isTrue();
    assertThat(local.allowsHost("localhost.")).isTrue();
    assertThat(local.allowsHost("evil.example:8545")).isFalse();
    assertThat(local.allowsHost("127.0.0.1.nip.io")).isFalse();
    assertThat(local.allowsHost("localhost.evil.example")).isFalse();
    OriginPolicy named = new OriginPolicy(OriginPolicy.LOCAL, List.of("node.example"));
    assertThat(named.allowsHost("node.example:443")).isTrue();
    assertThat(named.allowsHost("localhost")).isFalse();
    assertThat(new OriginPolicy(OriginPolicy.LOCAL, List.of("*")).allowsHost("x.y")).isTrue();
  }
}

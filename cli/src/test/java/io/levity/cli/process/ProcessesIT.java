package io.levity.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Child processes, short commands and loopback ports, with real processes and sockets. */
class ProcessesIT {
  @TempDir Path dir;

  private static List<String> sh(String script) {
    return List.of("sh", "-c", script);
  }

  @Test
  void aChildIsReadyOnItsLineLogsItsOutputAndStops() throws Exception {
    Path log = dir.resolve("logs/child.log");
    ChildProcess.Launch launch =
        ChildProcess.launch("child", sh("echo starting; echo 'ready at 42'; exec sleep 60"), log)
            .readyWhen(line -> line.startsWith("ready at ") ? line.substring(9) : null);
    ChildProcess p = launch.start();
    assertThat(p.awaitReady(Duration.ofSeconds(20))).isEqualTo("42");
    assertThat(p.tail()).isEqualTo("starting\nready at 42");
    assertThat(p.isAlive()).isTrue();
    p.stop(Duration.ofSeconds(10));
    assertThat(p.isAlive()).isFalse();
    assertThat(Files.readAllLines(log)).containsExactly("starting", "ready at 42");

    ChildProcess again = launch.appendingLog().start();
    again.awaitReady(Duration.ofSeconds(20));
    again.kill();
    assertThat(again.isAlive()).isFalse();
    assertThat(Files.readAllLines(log)).hasSize(4);
    again.close(); // nothing left to stop
  }

  @Test
  void aChildThatExitsBeforeItIsReadySaysSoWithItsOutput() throws Exception {
    try (ChildProcess p =
        ChildProcess.launch("failing", sh("echo 'no config'; exit 3"), dir.resolve("f.log"))
            .readyWhen(line -> line.equals("ready") ? line : null)
            .in(dir)
            .start()) {
      assertThatThrownBy(() -> p.awaitReady(Duration.ofSeconds(20)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("failing exited with code 3 before it was ready")
          .hasMessageContaining("no config");
    }
  }

  @Test
  void aShortCommandGivesItsExitCodeAndOutputOrTimesOut() throws Exception {
    CommandResult r =
        CommandResult.run(
            sh("echo one; echo two; echo oops >&2; exit 3"), dir, Duration.ofSeconds(20));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.succeeded()).isFalse();
    assertThat(r.lastLine()).isEqualTo("two");
    assertThat(r.stderr()).isEqualTo("oops\n");
    assertThat(CommandResult.run(sh("exec sleep 30"), null, Duration.ofMillis(300)).exitCode())
        .isEqualTo(CommandResult.TIMED_OUT);
    assertThat(CommandResult.works("sh", "-c", "exit 0")).isTrue();
    assertThat(CommandResult.works("no-such-command-here")).isFalse();
  }

  @Test
  void portsAreFreeDistinctAndReleased() throws Exception {
    int one;
    int base;
    try (LoopbackPorts ports = new LoopbackPorts()) {
      one = ports.one();
      base = ports.range(4);
      assertThat(base).isBetween(20_000, 32_000);
      assertThat(one < base || one > base + 3)
          .as("%d outside %d..%d", one, base, base + 3)
          .isTrue();
    }
    for (int port : new int[] {one, base, base + 3}) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(s.getLocalPort()).isEqualTo(port);
      }
    }
    assertThat(LoopbackPorts.free()).isPositive();
  }

  @Test
  void deleteTreeDeletesEverythingAndToleratesNothing() throws Exception {
    Path tree = dir.resolve("tree");
    Files.createDirectories(tree.resolve("a/b"));
    Files.writeString(tree.resolve("a/b/c.txt"), "x");
    Directories.deleteTree(tree);
    assertThat(tree).doesNotExist();
    Directories.deleteTree(tree);
  }
}

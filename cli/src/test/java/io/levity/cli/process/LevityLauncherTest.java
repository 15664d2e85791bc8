package io.levity.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command lines that start the CLI in a new JVM. */
class LevityLauncherTest {
  @Test
  void theClassPathGivenToChildrenIsAbsolute() {
    String cp = "cli/target/levity-cli.jar" + File.pathSeparator + "/opt/x.jar";
    assertThat(LevityLauncher.absolute(cp))
        .isEqualTo(
            Path.of("cli/target/levity-cli.jar").toAbsolutePath()
                + File.pathSeparator
                + "/opt/x.jar");
  }

  @Test
  void agentsAndDebuggersAreNotPassedOn() {
    assertThat(LevityLauncher.inherits("-Xss16m")).isTrue();
    assertThat(LevityLauncher.inherits("-Dlevity.home=/x")).isTrue();
    assertThat(LevityLauncher.inherits("-javaagent:/jacoco.jar")).isFalse();
    assertThat(LevityLauncher.inherits("-agentlib:jdwp=transport=dt_socket")).isFalse();
    assertThat(LevityLauncher.inherits("-agentpath:/lib.so")).isFalse();
    assertThat(LevityLauncher.inherits("-Xdebug")).isFalse();
  }

  @Test
  void aJarLauncherRunsTheJarWithTheOptionsAdded() {
    List<String> cmd =
        LevityLauncher.fromJar(Path.of("/x/levity-cli.jar"))
            .withJvmOptions(List.of("--enable-native-access=ALL-UNNAMED"))
            .withVectorModule()
            .withVectorModule()
            .withMaxHeap("1g")
            .command("node", "--config", "n.json");
    assertThat(cmd.get(0)).isEqualTo(LevityLauncher.javaBinary());
    assertThat(cmd.subList(1, cmd.size()))
        .containsExactly(
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules",
            "jdk.incubator.vector",
            "-Xmx1g",
            "-jar",
            "/x/levity-cli.jar",
            "node",
            "--config",
            "n.json");
  }

  @Test
  void aClassPathLauncherRunsTheMainClassWithOneHeapLimit() {
    List<String> cmd =
        LevityLauncher.fromClassPath().withMaxHeap("256m").withMaxHeap("512m").command("devnet");
    assertThat(cmd).contains("-cp", "io.levity.cli.Levity").endsWith("devnet");
    assertThat(cmd.stream().filter(a -> a.startsWith("-Xmx")).toList()).containsExactly("-Xmx512m");
    assertThat(Collections.frequency(cmd, "-cp")).isEqualTo(1);
  }
}

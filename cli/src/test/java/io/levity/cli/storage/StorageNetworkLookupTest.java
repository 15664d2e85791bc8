package io.levity.cli.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.storage.node.NetworkFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage commands find the network file from any folder, by the documented lookup. */
class StorageNetworkLookupTest {
  @TempDir Path dir;

  @Test
  void explicitThenHereThenTheDevnetHereThenTheDevnetUnderTheHome() throws Exception {
    Path cwd = Files.createDirectories(dir.resolve("elsewhere"));
    Path home = dir.resolve("home");
    Optional<Path> h = Optional.of(home);
    assertThatThrownBy(() -> StorageNetworkOption.find(Optional.empty(), cwd, h))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no storage network file: looked for")
        .hasMessageContaining(home.resolve(NetworkFile.DEFAULT).toString())
        .hasMessageContaining("--network FILE");
    Path homeFile = Files.createDirectories(home.resolve(".levity/devnet")).resolve("storage.json");
    Files.writeString(homeFile, "{}");
    assertThat(StorageNetworkOption.find(Optional.empty(), cwd, h)).isEqualTo(homeFile);
    Path devnetHere =
        Files.createDirectories(cwd.resolve(".levity/devnet")).resolve("storage.json");
    Files.writeString(devnetHere, "{}");
    assertThat(StorageNetworkOption.find(Optional.empty(), cwd, h)).isEqualTo(devnetHere);
    Path here = Files.writeString(cwd.resolve("storage.json"), "{}");
    assertThat(StorageNetworkOption.find(Optional.empty(), cwd, h)).isEqualTo(here);
    Path given = dir.resolve("given.json");
    assertThat(StorageNetworkOption.find(Optional.of(given), cwd, h)).isEqualTo(given);
  }
}

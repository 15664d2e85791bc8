package io.levity.storage.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.node.NetworkFile;
import io.levity.storage.node.NodeKey;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets (the node key, a network file holding the operator's private key) are owner-only from the
 * moment their file exists: no window in which another user can open them.
 */
class OwnerOnlyFilesTest {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
  }

  @Test
  void theNetworkFileWithAPrivateKeyIsOwnerOnly() throws Exception {
    Path file = dir.resolve("storage.json");
    new NetworkFile(
            new NetworkFile.RpcChain(
                "http://127.0.0.1:8545", "devnet", Map.of("key", "0x" + "11".repeat(32))),
            6,
            3,
            List.of())
        .write(file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(OWNER_ONLY);
  }

  @Test
  void theNodeKeyIsNeverWrittenIntoAFileOthersCouldOpen() throws Exception {
    // A reader that opened the temporary file while it was still world-readable (here: left
    // behind with mode 0666 by a crash) must not get the key through its open descriptor.
    Path tmp = dir.resolve("node.key.tmp");
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.values())));
    Files.setPosixFilePermissions(tmp, Set.of(PosixFilePermission.values()));
    try (FileChannel reader = FileChannel.open(tmp, StandardOpenOption.READ)) {
      NodeKey key = NodeKey.loadOrCreate(dir);
      ByteBuffer seen = ByteBuffer.allocate(128);
      reader.read(seen, 0);
      String leaked = new String(seen.array(), 0, seen.position(), StandardCharsets.US_ASCII);
      assertThat(leaked).isEmpty();
      assertThat(Files.getPosixFilePermissions(dir.resolve("node.key"))).isEqualTo(OWNER_ONLY);
      assertThat(key.nodeId()).isNotEqualTo(Bytes32.ZERO);
    }
  }
}

package io.levity.storage.client;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.node.NodeError;
import io.levity.storage.node.NodeHealth;
import io.levity.storage.node.NodeProtocol;
import io.levity.storage.node.SectorAnswer;
import io.levity.storage.node.ShardMeta;
import io.levity.storage.node.ShardRead;
import io.levity.storage.node.ShardUpload;
import io.levity.storage.node.StorageService;
import io.levity.storage.node.UploadStart;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * The in-memory {@link StorageNodeTransport}: calls the {@link StorageService}s of nodes in this
 * process directly, with no socket in between. The nodes are real (their shard stores on disk,
 * every check and re-check of the protocol), only the HTTP framing is left out; a refusal reaches
 * the client as the same {@link NodeRequestException} (status and code) HTTP would give. A node can
 * be taken off the network ({@link #setReachable}) to look down. Thread-safe.
 */
public final class InProcessNodeTransport implements StorageNodeTransport {
  /** The client address every request is admitted as, for the nodes' rate limits. */
  static final String CLIENT = "in-process";

  private static final int CHUNK = 64 * 1024;

  private final Map<String, StorageService> nodes = new ConcurrentHashMap<>();
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  /** Makes {@code service} reachable at {@code endpoint} and registers it on its chain there. */
  public void attach(String endpoint, StorageService service) {
    service.register(endpoint);
    nodes.put(endpoint, service);
  }

  /** Forgets the node at {@code endpoint} (it is closed, say); its requests fail as unreachable. */
  public void detach(String endpoint) {
    nodes.remove(endpoint);
    down.remove(endpoint);
  }

  /**
   * Takes the node at {@code endpoint} off the network (its requests fail as unreachable) or back.
   */
  public void setReachable(String endpoint, boolean reachable) {
    if (reachable) down.remove(endpoint);
    else down.add(endpoint);
  }

  @Override
  public NodeHealth health(String endpoint) throws NodeRequestException {
    return call(endpoint, StorageService::health);
  }

  @Override
  public PutResult put(String endpoint, OutgoingShard shard, LongConsumer sent) throws IOException {
    byte[] prefix = NodeProtocol.prefix(shard.roots());
    long length = prefix.length + Files.size(shard.file());
    return call(
        endpoint,
        node -> {
          UploadStart start = node.beginUpload(shard.fileRoot(), shard.index(), length);
          if (!(start instanceof UploadStart.Receiving r))
            return new PutResult(false, "already held");
          try (ShardUpload upload = r.upload()) {
            upload.accept(ByteBuffer.wrap(prefix));
            stream(shard.file(), upload, sent);
            upload.finish();
          }
          return new PutResult(true, "");
        });
  }

  /** Streams the shard file into the upload a chunk at a time, as a socket would. */
  private static void stream(Path shard, ShardUpload upload, LongConsumer sent)
      throws NodeError, IOException {
    try (FileChannel in = FileChannel.open(shard, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      while (in.read(buf) >= 0) {
        buf.flip();
        int n = buf.remaining();
        upload.accept(buf);
        sent.accept(n);
        buf.clear();
      }
    }
  }

  @Override
  public InputStream openShard(String endpoint, Bytes32 fileRoot, int index) throws IOException {
    ShardRead read = call(endpoint, node -> node.openShard(fileRoot, index));
    InputStream body =
        new SequenceInputStream(
            new ByteArrayInputStream(read.prefix()), Channels.newInputStream(read.channel()));
    return new FilterInputStream(body) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          read.close();
        }
      }
    };
  }

  @Override
  public List<HeldShard> list(String endpoint, Bytes32 fileRoot) throws NodeRequestException {
    List<ShardMeta> held = call(endpoint, node -> node.list(fileRoot));
    return held.stream()
        .map(m -> new HeldShard(m.fileRoot(), m.index(), m.shardSize(), m.shardRoot()))
        .toList();
  }

  @Override
  public SectorAnswer sector(String endpoint, Bytes32 fileRoot, int index, long sector)
      throws NodeRequestException {
    return call(endpoint, node -> node.sector(fileRoot, index, sector));
  }

  @Override
  public Optional<byte[]> challenge(String endpoint, byte[] encodedChallenge)
      throws NodeRequestException {
    try {
      return Optional.of(
          call(
              endpoint,
              node -> {
                node.challengeLength(encodedChallenge.length);
                return node.answerChallenge(encodedChallenge);
              }));
    } catch (NodeRequestException e) {
      if (e.status() == 404) return Optional.empty();
      throw e;
    }
  }

  /** One request to one node, as the protocol's refusals or answers. */
  @FunctionalInterface
  private interface Request<T> {
    T to(StorageService node) throws NodeError, IOException;
  }

  private <T> T call(String endpoint, Request<T> request) throws NodeRequestException {
    StorageService node = nodes.get(endpoint);
    if (node == null || down.contains(endpoint)) {
      throw NodeRequestException.unreachable(
          endpoint, "cannot reach the node: no node is up at this endpoint", null);
    }
    try {
      node.admit(CLIENT);
      return request.to(node);
    } catch (NodeError e) {
      throw new NodeRequestException(
          endpoint, e.code().status(), e.code().wire(), e.getMessage(), null);
    } catch (IOException | RuntimeException e) {
      throw new NodeRequestException(
          endpoint, 500, NodeProtocol.INTERNAL, "internal error: " + e.getMessage(), e);
    }
  }
}

package io.levity.storage.node;

/** How an admitted shard upload begins ({@link StorageService#beginUpload}). */
public sealed interface UploadStart {
  /** The node already holds an intact copy: nothing is received (the client gets 200). */
  record AlreadyHeld(ShardMeta meta) implements UploadStart {}

  /** The body is to be streamed into {@code upload}, which must be closed. */
  record Receiving(ShardUpload upload) implements UploadStart {}
}

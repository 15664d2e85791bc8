package io.levity.storage.shard;

import io.levity.core.bytes.Bytes32;
import io.levity.storage.layout.FileLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Hashes a byte stream one 256 KiB segment at a time and yields its file root (for a shard: its
 * shard root) without holding the stream in memory. Each completed segment is passed to an optional
 * {@link SegmentSink} before its buffer is reused, so a caller can write and hash in one pass. Not
 * thread-safe; one stream per instance.
 */
public final class SegmentHasher {
  /**
   * Receives each segment, {@code data[0, len)}, in order; the array is reused after the call
   * returns.
   */
  @FunctionalInterface
  public interface SegmentSink {
    void accept(byte[] data, int len) throws IOException;
  }

  private final byte[] buffer = new byte[FileLayout.SEGMENT_SIZE];
  private final List<Bytes32> segmentRoots = new ArrayList<>();
  private final SegmentSink sink;
  private int fill;
  private long length;
  private boolean finished;

  public SegmentHasher() {
    this((data, len) -> {});
  }

  public SegmentHasher(SegmentSink sink) {
    this.sink = sink;
  }

  public void update(byte[] data, int off, int len) throws IOException {
    checkOpen();
    while (len > 0) {
      int take = Math.min(len, buffer.length - fill);
      System.arraycopy(data, off, buffer, fill, take);
      fill += take;
      off += take;
      len -= take;
      length += take;
      if (fill == buffer.length) flushSegment();
    }
  }

  public void update(ByteBuffer data) throws IOException {
    checkOpen();
    while (data.hasRemaining()) {
      int take = Math.min(data.remaining(), buffer.length - fill);
      data.get(buffer, fill, take);
      fill += take;
      length += take;
      if (fill == buffer.length) flushSegment();
    }
  }

  /** Bytes hashed so far. */
  public long length() {
    return length;
  }

  /** Ends the stream (hashing a short last segment) and returns its root. */
  public Bytes32 finish() throws IOException {
    checkOpen();
    if (fill > 0) flushSegment();
    finished = true;
    return SegmentTree.fileRoot(length, segmentRoots);
  }

  /** The roots of the segments hashed so far (all of them after {@link #finish()}). */
  public List<Bytes32> segmentRoots() {
    return Collections.unmodifiableList(segmentRoots);
  }

  private void flushSegment() throws IOException {
    segmentRoots.add(SegmentTree.segmentRoot(buffer, fill));
    sink.accept(buffer, fill);
    fill = 0;
  }

  private void checkOpen() {
    if (finished) throw new IllegalStateException("stream already finished");
  }
}

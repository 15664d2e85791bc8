package io.levity.ai.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.tensor.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a safetensors file strictly: the header length within limits and the file, the header valid
 * UTF-8 JSON without duplicate keys, each entry exactly {dtype, shape, data_offsets} with a size
 * that matches its shape, and the byte ranges in bounds, not overlapping and covering the data with
 * no gap. Anything else is a {@link SafetensorsException}.
 */
public final class SafetensorsReader {
  /** The largest header accepted (the reference implementation's limit is 100 MB too). */
  public static final int MAX_HEADER_BYTES = 100_000_000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
  private static final String METADATA = "__metadata__";

  private SafetensorsReader() {}

  /** One tensor's header entry; private, and its shape array is never shared. */
  @SuppressWarnings("ArrayRecordComponent")
  private record Entry(String name, Dtype dtype, int[] shape, long begin, long end) {}

  public static SafetensorsFile read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(
          file.toString(), ch.size(), (position, length) -> readFully(ch, position, length));
    }
  }

  /** Reads a whole safetensors file held in memory, with the same checks as a file on disk. */
  public static SafetensorsFile read(byte[] content) throws SafetensorsException {
    try {
      return read(
          "the " + content.length + "-byte buffer",
          content.length,
          (position, length) -> ByteBuffer.wrap(content, (int) position, length).slice());
    } catch (SafetensorsException e) {
      throw e;
    } catch (IOException e) {
      throw new SafetensorsException("reading a buffer failed: " + e.getMessage(), e);
    }
  }

  /** Where the bytes come from: a file or a buffer. */
  private interface Source {
    ByteBuffer read(long position, int length) throws IOException;
  }

  private static SafetensorsFile read(String what, long size, Source in) throws IOException {
    if (size < 8)
      throw new SafetensorsException(
          what + ": " + size + " bytes, shorter than the 8-byte header length");
    long headerLength = in.read(0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
      throw new SafetensorsException(
          "header length " + headerLength + " is outside [2, " + MAX_HEADER_BYTES + "]");
    }
    if (8 + headerLength > size) {
      throw new SafetensorsException(
          "header length " + headerLength + " runs past the end of the " + size + "-byte file");
    }
    ByteBuffer header = in.read(8, (int) headerLength);
    long dataStart = 8 + headerLength;
    long dataSize = size - dataStart;
    Map<String, String> metadata = new HashMap<>();
    List<Entry> entries = parseHeader(header, metadata);
    checkLayout(entries, dataSize);
    TreeMap<String, FloatTensor> tensors = new TreeMap<>();
    for (Entry e : entries) {
      ByteBuffer raw = in.read(dataStart + e.begin(), (int) (e.end() - e.begin()));
      float[] values = new float[(int) FloatTensor.elementCount(e.shape())];
      e.dtype().decode(raw.order(ByteOrder.LITTLE_ENDIAN), values);
      tensors.put(e.name(), new FloatTensor(e.shape(), values));
    }
    return new SafetensorsFile(tensors, metadata);
  }

  private static ByteBuffer readFully(FileChannel ch, long position, int length)
      throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new SafetensorsException(
            "file ended while reading " + length + " bytes at " + position);
      }
    }
    return buf.flip();
  }

  private static List<Entry> parseHeader(ByteBuffer header, Map<String, String> metadata)
      throws SafetensorsException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(header)
              .toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsException("the header is not valid UTF-8", e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SafetensorsException("the header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject())
      throw new SafetensorsException("the header is not a JSON object");
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String name = field.getKey();
      JsonNode node = field.getValue();
      if (name.equals(METADATA)) {
        readMetadata(node, metadata);
      } else {
        entries.add(entry(name, node));
      }
    }
    return entries;
  }

  private static void readMetadata(JsonNode node, Map<String, String> metadata)
      throws SafetensorsException {
    if (!node.isObject()) throw new SafetensorsException("__metadata__ is not an object");
    for (Map.Entry<String, JsonNode> m : node.properties()) {
      if (!m.getValue().isTextual()) {
        throw new SafetensorsException(
            "__metadata__ value of '" + m.getKey() + "' is not a string");
      }
      metadata.put(m.getKey(), m.getValue().asText());
    }
  }

  private static Entry entry(String name, JsonNode node) throws SafetensorsException {
    String where = "tensor '" + name + "'";
    if (!node.isObject() || node.size() != 3 || !ENTRY_KEYS.stream().allMatch(node::has)) {
      throw new SafetensorsException(where + ": expected exactly dtype, shape and data_offsets");
    }
    if (!node.get("dtype").isTextual())
      throw new SafetensorsException(where + ": dtype is not a string");
    Dtype dtype = Dtype.parse(node.get("dtype").asText(), name);
    JsonNode shapeNode = node.get("shape");
    if (!shapeNode.isArray()) throw new SafetensorsException(where + ": shape is not an array");
    int[] shape = new int[shapeNode.size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = (int) integer(shapeNode.get(i), Integer.MAX_VALUE, where + ": shape");
    }
    JsonNode offsets = node.get("data_offsets");
    if (!offsets.isArray() || offsets.size() != 2) {
      throw new SafetensorsException(where + ": data_offsets is not a [begin, end] pair");
    }
    long begin = integer(offsets.get(0), Long.MAX_VALUE, where + ": data_offsets");
    long end = integer(offsets.get(1), Long.MAX_VALUE, where + ": data_offsets");
    if (end < begin)
      throw new SafetensorsException(
          where + ": data_offsets end " + end + " is before begin " + begin);
    long count;
    try {
      count = FloatTensor.elementCount(shape);
    } catch (ArithmeticException e) {
      throw new SafetensorsException(where + ": shape has too many elements", e);
    }
    if (count > Integer.MAX_VALUE - 8)
      throw new SafetensorsException(where + ": " + count + " elements is too many");
    if (count * dtype.bytes != end - begin) {
      throw new SafetensorsException(
          where
              + ": "
              + count
              + " "
              + dtype
              + " elements need "
              + count * dtype.bytes
              + " bytes, data_offsets give "
              + (end - begin));
    }
    return new Entry(name, dtype, shape, begin, end);
  }

  private static long integer(JsonNode n, long max, String where) throws SafetensorsException {
    if (n == null
        || !n.isIntegralNumber()
        || !n.canConvertToLong()
        || n.asLong() < 0
        || n.asLong() > max) {
      throw new SafetensorsException(
          where + " holds " + n + ", not an integer in [0, " + max + "]");
    }
    return n.asLong();
  }

  /**
   * Ranges in bounds, sorted by begin, each starting where the previous ended, the last at the end.
   */
  private static void checkLayout(List<Entry> entries, long dataSize) throws SafetensorsException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    long expected = 0;
    for (Entry e : sorted) {
      if (e.end() > dataSize) {
        throw new SafetensorsException(
            "tensor '"
                + e.name()
                + "': data_offsets end "
                + e.end()
                + " is past the "
                + dataSize
                + " data bytes");
      }
      if (e.begin() < expected)
        throw new SafetensorsException("tensor '" + e.name() + "' overlaps another tensor");
      if (e.begin() > expected) {
        throw new SafetensorsException(
            "a gap of unused bytes before tensor '" + e.name() + "' at " + expected);
      }
      expected = e.end();
    }
    if (expected != dataSize) {
      throw new SafetensorsException(
          (dataSize - expected) + " trailing data bytes belong to no tensor");
    }
  }
}

package io.levity.ai.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.tensor.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes F32 safetensors files: tensors in name order, packed with no gaps, the header padded with
 * spaces to a multiple of 8 bytes so the data is aligned. The same tensors always give the same
 * bytes.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  public static void write(Path file, SafetensorsFile content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out, content);
    }
  }

  /** The bytes {@link #write(Path, SafetensorsFile)} would write. */
  public static byte[] toBytes(SafetensorsFile content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, content);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /** Writes the file's bytes to out (not closed). */
  public static void write(OutputStream out, SafetensorsFile content) throws IOException {
    Map<String, Object> header = new LinkedHashMap<>();
    if (!content.metadata().isEmpty()) header.put("__metadata__", content.metadata());
    long offset = 0;
    for (Map.Entry<String, FloatTensor> e : content.tensors().entrySet()) {
      long bytes = 4L * e.getValue().data().length;
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", "F32");
      entry.put("shape", e.getValue().shape());
      entry.put("data_offsets", List.of(offset, offset + bytes));
      header.put(e.getKey(), entry);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
    out.write(json);
    for (int i = json.length; i < padded; i++) out.write(' ');
    for (FloatTensor t : content.tensors().values()) {
      ByteBuffer buf = ByteBuffer.allocate(4 * t.data().length).order(ByteOrder.LITTLE_ENDIAN);
      buf.asFloatBuffer().put(t.data());
      out.write(buf.array());
    }
  }
}

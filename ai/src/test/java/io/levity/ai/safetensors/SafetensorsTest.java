package io.levity.ai.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.ai.tensor.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Round trips, F16 and BF16 reads, and malformed files that must each fail with a clear message.
 */
class SafetensorsTest {
  @TempDir Path dir;

  static byte[] file(String header, byte[] data) {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + h.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(h.length)
        .put(h)
        .put(data)
        .array();
  }

  Path save(byte[] bytes) throws IOException {
    Path p = dir.resolve("t.safetensors");
    Files.write(p, bytes);
    return p;
  }

  @Test
  void f32RoundTripsWithMetadataAndIsByteStable() throws IOException {
    TreeMap<String, FloatTensor> tensors = new TreeMap<>();
    tensors.put(
        "b.weight",
        new FloatTensor(new int[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, -0f, 7}));
    tensors.put("a.scalar", new FloatTensor(new int[] {}, new float[] {42}));
    tensors.put("c.empty", new FloatTensor(new int[] {0, 4}, new float[0]));
    SafetensorsFile f = new SafetensorsFile(tensors, Map.of("format", "pt"));
    Path p = dir.resolve("w.safetensors");
    SafetensorsWriter.write(p, f);
    SafetensorsFile back = SafetensorsReader.read(p);
    assertThat(back.tensors()).isEqualTo(f.tensors());
    assertThat(back.metadata()).containsEntry("format", "pt");
    byte[] first = Files.readAllBytes(p);
    assertThat((first.length - 8 - 6 * 4 - 4) % 8).as("data aligned to 8").isZero();
    SafetensorsWriter.write(p, back);
    assertThat(Files.readAllBytes(p)).isEqualTo(first);
    // In memory: the same bytes, read with the same checks.
    assertThat(SafetensorsWriter.toBytes(f)).isEqualTo(first);
    assertThat(SafetensorsReader.read(first).tensors()).isEqualTo(f.tensors());
    byte[] truncated = Arrays.copyOf(first, first.length - 1);
    assertThatThrownBy(() -> SafetensorsReader.read(truncated))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("past the");
  }

  @Test
  void f16AndBf16AreReadIntoFloat32() throws IOException {
    // F16 0x3C00 = 1.0, 0xC000 = -2.0; BF16 0x3FC0 = 1.5, 0x4049 = 3.140625.
    byte[] data = {0x00, 0x3C, 0x00, (byte) 0xC0, (byte) 0xC0, 0x3F, 0x49, 0x40};
    String header =
        "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
            + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}";
    SafetensorsFile f = SafetensorsReader.read(save(file(header, data)));
    assertThat(f.tensor("h").data()).containsExactly(1f, -2f);
    assertThat(f.tensor("b").data()).containsExactly(1.5f, 3.140625f);
    assertThatThrownBy(() -> f.tensor("missing")).hasMessageContaining("missing");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json                | {"a":                                                              | 4 | not valid JSON
          not an object           | [1,2]                                                              | 0 | not a JSON object
          duplicate tensor        | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}} | 4 | not valid JSON
          unknown dtype           | {"a":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}}             | 8 | not supported
          extra key               | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}}       | 4 | exactly dtype
          negative dimension      | {"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}            | 4 | not an integer
          fractional dimension    | {"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}           | 4 | not an integer
          size mismatch           | {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}             | 4 | need 8 bytes
          end before begin        | {"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}             | 4 | before begin
          past the end            | {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}             | 4 | past the 4 data bytes
          overlap                 | {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}} | 8 | overlaps
          gap                     | {"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}             | 8 | gap
          trailing bytes          | {"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}             | 8 | trailing
          huge shape              | {"a":{"dtype":"F32","shape":[2147483647,2147483647,4],"data_offsets":[0,4]}} | 4 | too many
          metadata not strings    | {"__metadata__":{"k":1}}                                           | 0 | not a string
          """)
  void malformedHeadersAreRejected(String why, String header, int dataBytes, String message) {
    assertThatThrownBy(
            () -> SafetensorsReader.read(save(file(header.strip(), new byte[dataBytes]))))
        .as(why)
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining(message);
  }

  @Test
  void badHeaderLengthsAreRejected() throws IOException {
    Path shortFile = save(new byte[5]);
    assertThatThrownBy(() -> SafetensorsReader.read(shortFile))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("shorter than");
    byte[] huge =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array();
    Path hugeFile = save(huge);
    assertThatThrownBy(() -> SafetensorsReader.read(hugeFile))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("outside");
    byte[] past = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(100).array();
    Path pastFile = save(past);
    assertThatThrownBy(() -> SafetensorsReader.read(pastFile))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("past the end");
  }

  @Test
  void aHeaderThatIsNotUtf8IsRejected() throws IOException {
    byte[] bad =
        ByteBuffer.allocate(12)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(4)
            .put(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'})
            .array();
    Path p = save(bad);
    assertThatThrownBy(() -> SafetensorsReader.read(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("UTF-8");
  }
}

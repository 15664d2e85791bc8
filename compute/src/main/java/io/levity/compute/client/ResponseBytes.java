package io.levity.compute.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bytes a provider's response hash is over, recomputed from the answer received: a chat
 * answer's UTF-8 text; for embeddings every vector's float32 little-endian bytes in index order
 * (decoded from base64, or from JSON numbers read exactly and rounded to float32 as the provider
 * wrote them). An answer without them hashes to the empty input, which fails RESPONSE_HASH.
 */
final class ResponseBytes {
  private ResponseBytes() {}

  static byte[] of(String path, JsonNode answer) {
    if (path.equals(ProviderClient.EMBEDDINGS)) return embeddings(answer);
    JsonNode content = answer.path("choices").path(0).path("message").path("content");
    return content.asText("").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] embeddings(JsonNode answer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonNode data = answer.path("data");
    for (int i = 0; i < data.size(); i++) {
      JsonNode v = data.get(i).path("embedding");
      if (v.isTextual()) {
        byte[] b;
        try {
          b = Base64.getDecoder().decode(v.asText());
        } catch (IllegalArgumentException e) {
          b = new byte[0];
        }
        out.writeBytes(b);
      } else if (v.isArray()) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode f : v) b.putFloat(f.isNumber() ? f.decimalValue().floatValue() : Float.NaN);
        out.writeBytes(b.array());
      }
    }
    return out.toByteArray();
  }
}

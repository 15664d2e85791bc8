package io.levity.ai.hf;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.ai.tokenizer.BpeTokenizer;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link BpeTokenizer} as a Hugging Face tokenizer.json: a byte-level BPE model whose vocabulary
 * spells each token's bytes with GPT-2's byte-to-character table, with the ByteLevel
 * pre-tokenizer's regex split turned off (this tokenizer does not pre-split) and no special tokens.
 * Token ids and merge ranks are this tokenizer's, so the library encodes the same ids.
 */
final class HfTokenizerJson {
  private HfTokenizerJson() {}

  /** GPT-2's table: printable Latin-1 bytes stand for themselves, the rest for U+0100 onwards. */
  static char[] byteChars() {
    char[] chars = new char[256];
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
      chars[b] = printable ? (char) b : (char) (256 + next++);
    }
    return chars;
  }

  static ObjectNode write(BpeTokenizer tokenizer) throws HfFormatException {
    char[] chars = byteChars();
    ObjectNode root = HfConfigJson.JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    root.putArray("added_tokens");
    root.putNull("normalizer");
    root.set("pre_tokenizer", byteLevel());
    root.putNull("post_processor");
    root.set("decoder", byteLevel());
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    ObjectNode vocab = model.putObject("vocab");
    Map<String, Integer> seen = new HashMap<>();
    String[] spelled = new String[tokenizer.vocabSize()];
    for (int id = 0; id < tokenizer.vocabSize(); id++) {
      StringBuilder s = new StringBuilder();
      for (byte b : tokenizer.decodeBytes(new int[] {id})) s.append(chars[b & 0xff]);
      spelled[id] = s.toString();
      Integer earlier = seen.putIfAbsent(spelled[id], id);
      if (earlier != null) {
        // Two merges that build the same bytes cannot share one vocabulary entry.
        throw new HfFormatException(
            "tokens "
                + earlier
                + " and "
                + id
                + " have the same bytes; tokenizer.json cannot hold both");
      }
      vocab.put(spelled[id], id);
    }
    ArrayNode merges = model.putArray("merges");
    for (BpeTokenizer.Merge m : tokenizer.merges())
      merges.add(spelled[m.left()] + " " + spelled[m.right()]);
    return root;
  }

  private static ObjectNode byteLevel() {
    ObjectNode n = HfConfigJson.JSON.createObjectNode();
    n.put("type", "ByteLevel");
    n.put("add_prefix_space", false);
    n.put("trim_offsets", true);
    n.put("use_regex", false);
    return n;
  }
}

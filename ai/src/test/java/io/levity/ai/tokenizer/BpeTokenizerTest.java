package io.levity.ai.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Training on the textbook example by hand, exact round trips, determinism and compression. */
class BpeTokenizerTest {
  static final String CORPUS =
      "the quick brown fox jumps over the lazy dog. the dog sleeps; the fox runs. "
          + "über die Brücke, 東京 and back: the end of the story is the start of the next. ";

  static final BpeTokenizer TRAINED = BpeTokenizer.train(CORPUS.repeat(3), 400);

  @Test
  void theTextbookExampleMergesAsDerivedByHand() {
    // "aaabdaaabac": aa (4 times) -> 256; then ab and (256, a) both occur twice, the smaller pair
    // (a, b) wins -> 257; then (256, 257) twice -> 258; then no pair occurs twice.
    BpeTokenizer t = BpeTokenizer.train("aaabdaaabac", 1000);
    assertThat(t.merges())
        .containsExactly(
            new BpeTokenizer.Merge('a', 'a'),
            new BpeTokenizer.Merge('a', 'b'),
            new BpeTokenizer.Merge(256, 257));
    assertThat(t.encode("aaabdaaabac")).containsExactly(258, 'd', 258, 'a', 'c');
    assertThat(t.decode(new int[] {258})).isEqualTo("aaab");
  }

  @Property(tries = 300)
  void everyStringRoundTrips(@ForAll String text) {
    assertThat(TRAINED.decodeBytes(TRAINED.encode(text)))
        .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void trainingIsDeterministicAndCompresses() {
    assertThat(BpeTokenizer.train(CORPUS.repeat(3), 400).merges()).isEqualTo(TRAINED.merges());
    assertThat(TRAINED.vocabSize()).isGreaterThan(300);
    String sample = "the fox and the dog";
    int[] tokens = TRAINED.encode(sample);
    assertThat(tokens.length).isLessThan(sample.length() / 2);
    assertThat(TRAINED.decode(tokens)).isEqualTo(sample);
    assertThat(new BpeTokenizer(TRAINED.merges()).encode(sample)).isEqualTo(tokens);
  }

  @Test
  void badMergesAndTokensAreRefused() {
    assertThatThrownBy(() -> new BpeTokenizer(List.of(new BpeTokenizer.Merge(1, 256))))
        .hasMessageContaining("not two earlier tokens");
    assertThatThrownBy(
            () ->
                new BpeTokenizer(
                    List.of(new BpeTokenizer.Merge(1, 2), new BpeTokenizer.Merge(1, 2))))
        .hasMessageContaining("repeats");
    assertThatThrownBy(() -> TRAINED.decode(new int[] {TRAINED.vocabSize()}))
        .hasMessageContaining("outside");
  }
}

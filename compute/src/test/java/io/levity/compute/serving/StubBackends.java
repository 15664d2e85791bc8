package io.levity.compute.serving;

import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** Test backends: an echoing chat model that can be held mid-answer, and a hashing embedder. */
final class StubBackends {
  private StubBackends() {}

  static final Bytes32 CHAT_ROOT = Keccak.hash("stub chat".getBytes(StandardCharsets.UTF_8));
  static final Bytes32 EMBED_ROOT = Keccak.hash("stub embed".getBytes(StandardCharsets.UTF_8));

  /** Answers "echo WORDS #SEED" a word at a time; waits on {@code hold} before answering. */
  static final class Echo implements ChatBackend {
    final CountDownLatch entered = new CountDownLatch(1);
    volatile CountDownLatch hold = new CountDownLatch(0);

    @Override
    public String modelId() {
      return "stub-chat";
    }

    @Override
    public Bytes32 modelRoot() {
      return CHAT_ROOT;
    }

    @Override
    public boolean verifiable() {
      return true;
    }

    @Override
    public ChatCompletion complete(ChatRequest request, TokenSink sink) {
      entered.countDown();
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      String last = request.messages().get(request.messages().size() - 1).content();
      if (last.equals("boom")) throw new IllegalStateException("the stub backend fails on boom");
      String text = "echo " + last + " #" + request.seed();
      String[] words = text.split("(?<= )", -1);
      for (String w : words) sink.token(w);
      return new ChatCompletion(text, last.length(), words.length, InferenceApi.text(text), "stop");
    }
  }

  /** A 4-dimensional vector from the text's hash; 3 tokens per input. */
  static final class Hashing implements EmbeddingBackend {
    @Override
    public String modelId() {
      return "stub-embed";
    }

    @Override
    public Bytes32 modelRoot() {
      return EMBED_ROOT;
    }

    @Override
    public int maxChars() {
      return 100;
    }

    @Override
    public int tokens(String text) {
      return 3;
    }

    @Override
    public float[] embed(String text) {
      byte[] h = Keccak.hash256(text.getBytes(StandardCharsets.UTF_8));
      return new float[] {h[0] / 128f, h[1] / 128f, h[2] / 128f, h[3] / 128f};
    }
  }
}

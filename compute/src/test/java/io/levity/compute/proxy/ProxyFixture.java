package io.levity.compute.proxy;

import io.levity.compute.client.ProviderClient;
import io.levity.compute.client.ProviderDirectory;
import io.levity.compute.client.UserReceiptStore;
import io.levity.compute.inference.InferenceService;
import io.levity.compute.inference.InferenceTypedData;
import io.levity.compute.inference.ServiceType;
import io.levity.compute.provider.ConsecutiveNonceGuard;
import io.levity.compute.provider.MarketRequestDigest;
import io.levity.compute.provider.MarketResponseDigest;
import io.levity.compute.serving.ChatBackend;
import io.levity.compute.serving.EmbeddingBackend;
import io.levity.compute.serving.InferenceApi;
import io.levity.compute.serving.InferenceServer;
import io.levity.compute.serving.KeyResponseSigner;
import io.levity.compute.serving.ReceiptJournal;
import io.levity.compute.serving.ServingPricing;
import io.levity.compute.serving.SignedRequestGate;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two honest providers on loopback signing with the market's EIP-712 digests (in a made-up domain:
 * no chain), the chat one behind a {@link TamperingRelay}, a directory in a map standing in for the
 * registry, a user's store, and the proxy over both.
 */
final class ProxyFixture implements AutoCloseable {
  static final Secp256k1.KeyPair CHAT = key(0x51);
  static final Secp256k1.KeyPair EMBED = key(0x52);
  static final Secp256k1.KeyPair USER = key(0xa1);
  static final Secp256k1.KeyPair MALLORY = key(0xee);
  static final InferenceTypedData.Domain DOMAIN =
      new InferenceTypedData.Domain(1337, Address.fromHex("0x" + "42".repeat(20)));
  static final ServingPricing PRICES =
      new ServingPricing(BigInteger.valueOf(3), BigInteger.valueOf(7));
  static final Bytes32 CHAT_ROOT = Keccak.hash("echo".getBytes(StandardCharsets.UTF_8));
  static final Bytes32 EMBED_ROOT = Keccak.hash("vec".getBytes(StandardCharsets.UTF_8));

  final Map<Address, InferenceService> registry = new HashMap<>();
  final ProviderDirectory directory =
      new ProviderDirectory() {
        @Override
        public Optional<InferenceService> service(Address provider) {
          return Optional.ofNullable(registry.get(provider));
        }

        @Override
        public long settledNonce(Address user, Address provider) {
          return 0;
        }

        @Override
        public InferenceTypedData.Domain domain() {
          return DOMAIN;
        }
      };
  final ReceiptJournal chatJournal;
  final ReceiptJournal embedJournal;
  final InferenceServer chatServer;
  final InferenceServer embedServer;
  final TamperingRelay relay;
  final UserReceiptStore store;
  final HttpClient http = HttpClient.newHttpClient();
  final InferenceServer proxy;
  final URI base;

  ProxyFixture(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    chatJournal = new ReceiptJournal(dir.resolve("chat-receipts"));
    embedJournal = new ReceiptJournal(dir.resolve("embed-receipts"));
    chatServer = provider(CHAT, List.of(new Echo()), List.of(), chatJournal);
    embedServer = provider(EMBED, List.of(), List.of(new Vectors()), embedJournal);
    relay = new TamperingRelay(URI.create("http://127.0.0.1:" + chatServer.port()));
    registry.put(
        CHAT.address(),
        service(ServiceType.CHAT, "echo", CHAT_ROOT, relay.endpoint().toString(), CHAT));
    registry.put(
        EMBED.address(),
        service(
            ServiceType.EMBEDDINGS,
            "vec",
            EMBED_ROOT,
            "http://127.0.0.1:" + embedServer.port() + "/v1",
            EMBED));
    store = UserReceiptStore.open(dir.resolve("user"), USER.address());
    proxy =
        new InferenceServer(
            new VerifyingProxy(List.of(client(CHAT.address()), client(EMBED.address())), 4),
            InferenceServer.Config.loopback(0));
    base = URI.create("http://127.0.0.1:" + proxy.start() + "/v1");
  }

  ProviderClient client(Address provider) {
    return ProviderClient.connect(
        directory,
        USER,
        provider,
        store,
        http,
        TimeSource.system(),
        ProviderClient.Settings.defaults());
  }

  private static InferenceService service(
      ServiceType type, String model, Bytes32 root, String endpoint, Secp256k1.KeyPair key) {
    return new InferenceService(
        type,
        model,
        root,
        PRICES.weiPerInputToken(),
        PRICES.weiPerOutputToken(),
        endpoint,
        key.address(),
        true);
  }

  private static InferenceServer provider(
      Secp256k1.KeyPair key,
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      ReceiptJournal journal)
      throws InterruptedException {
    SignedRequestGate gate =
        new SignedRequestGate(
            key.address(),
            new MarketRequestDigest(DOMAIN),
            new ConsecutiveNonceGuard(journal.receipts(), u -> 0L),
            u -> BigInteger.TEN.pow(18),
            TimeSource.system());
    InferenceApi api =
        new InferenceApi(
            chats,
            embedders,
            gate,
            new KeyResponseSigner(key, new MarketResponseDigest(DOMAIN)),
            PRICES,
            journal,
            TimeSource.system(),
            InferenceApi.Limits.defaults());
    InferenceServer s = new InferenceServer(api, InferenceServer.Config.loopback(0));
    s.start();
    return s;
  }

  static Secp256k1.KeyPair key(int b) {
    byte[] k = new byte[32];
    k[31] = (byte) b;
    k[0] = 2;
    return Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(k));
  }

  /** Answers "echo WORDS" a word at a time. */
  static final class Echo implements ChatBackend {
    @Override
    public String modelId() {
      return "echo";
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
      String text = "echo " + request.messages().get(request.messages().size() - 1).content();
      String[] words = text.split("(?<= )", -1);
      for (String w : words) sink.token(w);
      return new ChatCompletion(
          text,
          text.length(),
          words.length,
          Keccak.hash(text.getBytes(StandardCharsets.UTF_8)),
          "stop");
    }
  }

  /** Three-dimensional vectors with awkward float values; 2 tokens per input. */
  static final class Vectors implements EmbeddingBackend {
    @Override
    public String modelId() {
      return "vec";
    }

    @Override
    public Bytes32 modelRoot() {
      return EMBED_ROOT;
    }

    @Override
    public int maxChars() {
      return 1000;
    }

    @Override
    public int tokens(String text) {
      return 2;
    }

    @Override
    public float[] embed(String text) {
      return new float[] {0.1f, 1f / 3f, text.length() * 1.0e-7f};
    }
  }

  private boolean embedderStopped;

  /** Takes the embeddings provider down (its registration stays). */
  void stopEmbedder() {
    embedServer.close();
    embedderStopped = true;
  }

  @Override
  public void close() throws IOException {
    proxy.close();
    relay.close();
    chatServer.close();
    if (!embedderStopped) embedServer.close();
    chatJournal.close();
    embedJournal.close();
    store.close();
    http.close();
  }
}

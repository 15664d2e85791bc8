package io.levity.compute.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.compute.agents.AgentSource;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes32;
import io.levity.core.bytes.Hex;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.time.TimeSource;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider on loopback with real keys and test digests: the request and response digests are the
 * Keccak-256 of the fields packed as Solidity's abi.encodePacked would (a domain string, addresses
 * as 20 bytes, hashes as 32, numbers as uint256), standing in for the contract's EIP-712 digests.
 * The node script computes the same with ethers' solidityPackedKeccak256.
 */
final class ServingFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Secp256k1.KeyPair PROVIDER = key(0x51);
  static final Secp256k1.KeyPair ALICE = key(0xa1);
  static final Secp256k1.KeyPair MALLORY = key(0xee);
  static final long NOW_SECONDS = 1_800_000_000L;

  /** A clock the test sets; safe to read from the server's threads. */
  static final class SetTime implements TimeSource {
    final AtomicLong epochMillis = new AtomicLong(NOW_SECONDS * 1000);

    @Override
    public long nanoTime() {
      return epochMillis.get() * 1_000_000;
    }

    @Override
    public long epochMillis() {
      return epochMillis.get();
    }
  }

  final SetTime time = new SetTime();
  final Map<Address, BigInteger> balances = new HashMap<>();
  final Path dir;
  final SignedRequestGate gate;
  final ReceiptJournal journal;
  final InferenceApi service;
  final InferenceServer server;
  final URI base;
  final HttpClient http = HttpClient.newHttpClient();
  long nextNonce = 1;

  ServingFixture(
      Path dir,
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      InferenceApi.Limits limits,
      InferenceServer.Config config)
      throws IOException, InterruptedException {
    this(dir, chats, embedders, limits, config, AgentSource.NONE);
  }

  /** A provider that also runs the agents {@code agents} gives it. */
  ServingFixture(
      Path dir,
      List<ChatBackend> chats,
      List<EmbeddingBackend> embedders,
      InferenceApi.Limits limits,
      InferenceServer.Config config,
      AgentSource agents)
      throws IOException, InterruptedException {
    this.dir = dir;
    balances.put(ALICE.address(), BigInteger.valueOf(1_000_000));
    gate =
        new SignedRequestGate(
            PROVIDER.address(),
            ServingFixture::requestDigest,
            new DurableNonceGuard(dir.resolve("nonces")),
            u -> balances.getOrDefault(u, BigInteger.ZERO),
            time);
    journal = new ReceiptJournal(dir.resolve("receipts"));
    service =
        new InferenceApi(
            chats,
            embedders,
            gate,
            new KeyResponseSigner(PROVIDER, ServingFixture::responseDigest),
            new ServingPricing(BigInteger.valueOf(2), BigInteger.valueOf(5)),
            journal,
            time,
            limits,
            agents);
    server = new InferenceServer(service, config);
    base = URI.create("http://127.0.0.1:" + server.start());
  }

  static Secp256k1.KeyPair key(int b) {
    byte[] k = new byte[32];
    k[31] = (byte) b;
    k[0] = 1;
    return Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(k));
  }

  static Bytes32 requestDigest(ServingRequestTerms t) {
    return packed(
        "levity.test.request".getBytes(StandardCharsets.UTF_8),
        t.provider().toArray(),
        t.user().toArray(),
        t.requestHash().toArray(),
        word(t.maxFee()),
        word(BigInteger.valueOf(t.nonce())),
        word(BigInteger.valueOf(t.deadline())));
  }

  static Bytes32 responseDigest(ServingResponseTerms t) {
    return packed(
        "levity.test.response".getBytes(StandardCharsets.UTF_8),
        t.requestHash().toArray(),
        t.responseHash().toArray(),
        t.modelRoot().toArray(),
        word(BigInteger.valueOf(t.inputTokens())),
        word(BigInteger.valueOf(t.outputTokens())),
        word(t.fee()),
        t.user().toArray(),
        word(BigInteger.valueOf(t.nonce())));
  }

  private static byte[] word(BigInteger v) {
    return Bytes32.fromBigInteger(v).toArray();
  }

  private static Bytes32 packed(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) b.put(p);
    return Keccak.hash(b.array());
  }

  /** The five X-Levity headers signing {@code body} with {@code key}. */
  Map<String, String> signed(Secp256k1.KeyPair key, byte[] body, long nonce, long maxFee) {
    long deadline = NOW_SECONDS + 60;
    ServingRequestTerms t =
        new ServingRequestTerms(
            PROVIDER.address(),
            key.address(),
            Keccak.hash(body),
            BigInteger.valueOf(maxFee),
            nonce,
            deadline);
    Map<String, String> h = new HashMap<>();
    h.put(SignedRequestGate.USER, key.address().toHex());
    h.put(SignedRequestGate.NONCE, Long.toString(nonce));
    h.put(SignedRequestGate.MAX_FEE, Long.toString(maxFee));
    h.put(SignedRequestGate.DEADLINE, Long.toString(deadline));
    h.put(
        SignedRequestGate.SIGNATURE,
        Hex.encode(key.sign(requestDigest(t).unsafeArray()).toBytes65()));
    return h;
  }

  /** Alice's signed request with a fresh nonce and a max fee of 10 000 wei. */
  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return send("POST", path, b, signed(ALICE, b, nextNonce++, 10_000));
  }

  HttpResponse<String> send(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(base.resolve(path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(r::header);
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body());
  }

  static String chatBody(String model, String prompt, long seed, boolean stream) {
    return JSON.createObjectNode()
        .put("model", model)
        .put("max_tokens", 12)
        .put("temperature", 0.8)
        .put("seed", seed)
        .put("stream", stream)
        .set(
            "messages",
            JSON.createArrayNode()
                .add(JSON.createObjectNode().put("role", "user").put("content", prompt)))
        .toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
    journal.close();
    http.close();
  }
}

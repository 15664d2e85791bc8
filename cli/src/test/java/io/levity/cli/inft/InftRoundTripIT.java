package io.levity.cli.inft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.LevityRun;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Sha256;
import io.levity.core.time.TimeSource;
import io.levity.inft.InftNetwork;
import io.levity.inft.client.InftClient;
import io.levity.inft.client.TokenView;
import io.levity.inft.crypto.Aead;
import io.levity.inft.crypto.DecryptionException;
import io.levity.inft.crypto.EciesBox;
import io.levity.inft.crypto.EncryptionKeyPair;
import io.levity.inft.oracle.OracleClient;
import io.levity.inft.oracle.OracleError;
import io.levity.inft.oracle.OracleException;
import io.levity.inft.oracle.OracleRequest;
import io.levity.inft.oracle.OracleResponses;
import io.levity.storage.client.ProgressListener;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's round trip on a real chain, storage network and oracle over HTTP: mint, three
 * transfers and a clone. After each move the current owner opens bytes identical to the original
 * file; every previous owner is refused by the oracle, and every data key a previous owner ever
 * held fails to decrypt the current ciphertext.
 */
class InftRoundTripIT {
  @TempDir static Path dir;
  private static InftTestNetwork net;
  private static OracleClient oracle;

  @BeforeAll
  static void start() throws Exception {
    net = new InftTestNetwork(dir);
    oracle = new OracleClient(net.network.oracleUrl(), Duration.ofSeconds(60));
  }

  @AfterAll
  static void stop() {
    if (net != null) net.close();
  }

  private static InftClient user(int account) {
    return new InftClient(
        InftTestNetwork.ACCOUNTS.get(account),
        net.network,
        net.rpc,
        oracle,
        net.storageClient,
        dir.resolve("user" + account),
        InftTestNetwork.RANDOM,
        TimeSource.system(),
        Duration.ofSeconds(60));
  }

  /** The data key {@code owner} gets for the token's current version, straight from the oracle. */
  private static byte[] currentKey(int account, BigInteger tokenId) throws Exception {
    Secp256k1.KeyPair k = InftTestNetwork.ACCOUNTS.get(account);
    byte[] nonce = new byte[32];
    InftTestNetwork.RANDOM.nextBytes(nonce);
    OracleRequest r =
        OracleRequest.of(
                OracleRequest.Action.OPEN,
                k,
                tokenId,
                Address.ZERO,
                List.of(),
                List.of(),
                Bytes.EMPTY,
                Bytes32.of32(nonce),
                System.currentTimeMillis() / 1000 + 60)
            .signedBy(k, net.network.chainId(), net.network.agentNft());
    OracleResponses.Keys keys = oracle.open(r);
    return EciesBox.open(EncryptionKeyPair.derive(k), keys.sealedKeys().get(0).toArray());
  }

  private static byte[] ciphertext(Bytes32 root) throws Exception {
    Path out = dir.resolve("ct-" + root.toHex().substring(2, 10));
    net.storageClient.download(root, out, ProgressListener.NONE);
    return Files.readAllBytes(out);
  }

  private static void assertOpens(InftClient owner, BigInteger id, byte[] original)
      throws Exception {
    Path out = dir.resolve("open-" + owner.address().toHex().substring(2, 8) + "-" + id);
    owner.open(id, out, ProgressListener.NONE);
    assertThat(Files.readAllBytes(out)).isEqualTo(original);
  }

  private static void assertRefused(InftClient former, BigInteger id) {
    assertThatThrownBy(() -> former.open(id, dir.resolve("never"), ProgressListener.NONE))
        .isInstanceOfSatisfying(
            OracleException.class, e -> assertThat(e.error()).isEqualTo(OracleError.NOT_OWNER))
        .hasMessageContaining("does not own token " + id);
    assertThat(Files.exists(dir.resolve("never"))).isFalse();
  }

  @Test
  void mintThreeTransfersAndACloneEachOwnerOpensThePreviousOnesCannot() throws Exception {
    byte[] original = new byte[300_000];
    new Random(12).nextBytes(original);
    Path file = dir.resolve("agent.bin");
    Files.write(file, original);

    List<InftClient> owners = new ArrayList<>();
    for (int a = 3; a <= 7; a++) {
      InftClient c = user(a);
      c.register();
      owners.add(c);
    }
    InftClient alice = owners.get(0);
    AtomicLong uploaded = new AtomicLong();
    long t0 = System.nanoTime();
    InftClient.Result minted =
        alice.mint(
            file,
            "trading agent",
            500,
            (phase, done, total) -> {
              if (phase.equals("upload")) uploaded.set(done);
            });
    BigInteger id = minted.tokenId();
    long mintMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(uploaded.get()).as("progress reported").isPositive();
    long moveNanos = 0;
    assertOpens(alice, id, original);

    List<byte[]> formerKeys = new ArrayList<>();
    List<Bytes32> hashes = new ArrayList<>(List.of(minted.dataHash()));
    for (int hop = 1; hop <= 3; hop++) {
      InftClient from = owners.get(hop - 1);
      InftClient to = owners.get(hop);
      formerKeys.add(currentKey(3 + hop - 1, id));
      long m0 = System.nanoTime();
      InftClient.Result moved = from.transfer(id, to.address());
      moveNanos += System.nanoTime() - m0;
      assertThat(moved.tokenId()).isEqualTo(id);
      hashes.add(moved.dataHash());
      assertOpens(to, id, original);
      byte[] current = ciphertext(moved.dataHash());
      for (int former = 0; former < hop; former++) {
        assertRefused(owners.get(former), id);
        byte[] key = formerKeys.get(former);
        assertThatThrownBy(() -> Aead.open(key, current, null))
            .isInstanceOf(DecryptionException.class);
      }
    }

    InftClient dave = owners.get(3);
    InftClient erin = owners.get(4);
    formerKeys.add(currentKey(6, id));
    long c0 = System.nanoTime();
    InftClient.Result cloned = dave.clone(id, erin.address());
    long cloneMs = (System.nanoTime() - c0) / 1_000_000;
    System.out.printf(
        "iNFT round trip, %d-byte agent: mint %d ms, transfer %d ms on average, clone %d ms%n",
        original.length, mintMs, moveNanos / 3_000_000, cloneMs);
    BigInteger cloneId = cloned.tokenId();
    assertThat(cloneId).isNotEqualTo(id);
    assertOpens(erin, cloneId, original);
    assertOpens(dave, id, original);
    byte[] cloneCiphertext = ciphertext(cloned.dataHash());
    for (int former = 0; former < 4; former++) {
      assertRefused(owners.get(former), cloneId);
      byte[] key = formerKeys.get(former);
      assertThatThrownBy(() -> Aead.open(key, cloneCiphertext, null))
          .isInstanceOf(DecryptionException.class);
    }
    for (int former = 0; former < 3; former++) assertRefused(owners.get(former), id);

    TokenView token = alice.show(id);
    assertThat(token.owner()).isEqualTo(dave.address());
    assertThat(token.creator()).isEqualTo(alice.address());
    assertThat(token.history()).containsExactlyElementsOf(hashes);
    assertThat(token.royaltyBps()).isEqualTo(500);
    TokenView clone = erin.show(cloneId);
    assertThat(clone.parent()).isEqualTo(id);
    assertThat(clone.creator()).isEqualTo(alice.address());
    assertThat(clone.royaltyReceiver()).isEqualTo(alice.address());

    // Usage without the key: erin authorizes alice, who gets the agent's digest, not its data.
    assertThatThrownBy(() -> alice.use(cloneId, Bytes.EMPTY))
        .isInstanceOfSatisfying(
            OracleException.class,
            e -> assertThat(e.error()).isEqualTo(OracleError.NOT_AUTHORIZED));
    erin.authorize(cloneId, alice.address());
    assertThat(alice.use(cloneId, Bytes.EMPTY))
        .isEqualTo(
            Bytes.wrap(
                ByteBuffer.allocate(40)
                    .putLong(original.length)
                    .put(Sha256.hash(original))
                    .array()));
    erin.revoke(cloneId, alice.address());
    assertThatThrownBy(() -> alice.use(cloneId, Bytes.EMPTY)).isInstanceOf(OracleException.class);
  }

  private static String hexKey(int account) {
    return InftTestNetwork.ACCOUNTS.get(account).privateKey().toHex();
  }

  private static LevityRun levity(String... args) {
    return LevityRun.run(Map.of(), args);
  }

  @Test
  void theCommandsMintTransferOpenListAndBuy() throws Exception {
    Path inft = dir.resolve("inft.json");
    net.network.write(inft);
    assertThat(InftNetwork.read(inft)).isEqualTo(net.network);
    String f = inft.toString();
    for (int a : new int[] {9, 10})
      assertThat(levity("inft", "register", "--inft", f, "--key", hexKey(a)).exit()).isZero();
    byte[] original = new byte[70_000];
    new Random(7).nextBytes(original);
    Path file = dir.resolve("cli-agent.bin");
    Files.write(file, original);

    LevityRun mint =
        levity(
            "inft",
            "mint",
            file.toString(),
            "--description",
            "cli agent",
            "--json",
            "--inft",
            f,
            "--key",
            hexKey(9));
    assertThat(mint.exit()).as(mint.err()).isZero();
    JsonNode minted = new ObjectMapper().readTree(mint.out());
    String id = minted.get("tokenId").asText();
    assertThat(minted.get("dataHash").asText()).matches("0x[0-9a-f]{64}");

    LevityRun show = levity("inft", "show", id, "--json", "--inft", f);
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(new ObjectMapper().readTree(show.out()).get("owner").asText())
        .isEqualToIgnoringCase(InftTestNetwork.ACCOUNTS.get(9).address().toHex());

    String to = InftTestNetwork.ACCOUNTS.get(10).address().toHex();
    LevityRun moved = levity("inft", "transfer", id, "--to", to, "--inft", f, "--key", hexKey(9));
    assertThat(moved.exit()).as(moved.err()).isZero();
    Path out = dir.resolve("cli-open.bin");
    LevityRun open =
        levity("inft", "open", id, "--out", out.toString(), "--inft", f, "--key", hexKey(10));
    assertThat(open.exit()).as(open.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(original);
    LevityRun refused =
        levity(
            "inft",
            "open",
            id,
            "--out",
            dir.resolve("no").toString(),
            "--inft",
            f,
            "--key",
            hexKey(9));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err().strip())
        .startsWith("levity inft open: ")
        .contains("does not own token " + id)
        .doesNotContain("\n");

    Path listing = dir.resolve("listing.json");
    LevityRun list =
        levity(
            "inft",
            "list",
            id,
            "--price",
            "1000000",
            "--out",
            listing.toString(),
            "--inft",
            f,
            "--key",
            hexKey(10));
    assertThat(list.exit()).as(list.err()).isZero();
    LevityRun buy =
        levity(
            "inft",
            "buy",
            "--listing",
            listing.toString(),
            "--json",
            "--inft",
            f,
            "--key",
            hexKey(9));
    assertThat(buy.exit()).as(buy.err()).isZero();
    LevityRun reopen =
        levity("inft", "open", id, "--out", out.toString(), "--inft", f, "--key", hexKey(9));
    assertThat(reopen.exit()).as(reopen.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(original);
    LevityRun again =
        levity("inft", "buy", "--listing", listing.toString(), "--inft", f, "--key", hexKey(9));
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).startsWith("levity inft buy: ");

    Path impostor = dir.resolve("impostor.json");
    InftNetwork n = net.network;
    new InftNetwork(
            n.chainId(),
            n.rpc(),
            n.agentNft(),
            n.verifier(),
            n.oracleRegistry(),
            n.market(),
            n.oracleUrl(),
            InftTestNetwork.ACCOUNTS.get(8).address(),
            n.storageNetwork())
        .write(impostor);
    LevityRun sealedToWho =
        levity("inft", "mint", file.toString(), "--inft", impostor.toString(), "--key", hexKey(9));
    assertThat(sealedToWho.exit()).isEqualTo(1);
    assertThat(sealedToWho.err()).contains("refusing to seal a data key to it");

    LevityRun noKey = levity("inft", "transfer", id, "--to", to, "--inft", f);
    assertThat(noKey.err())
        .isEqualTo(
            "levity inft transfer: give the account's private key with --key HEX (or LEVITY_KEY)"
                + System.lineSeparator());
    LevityRun noFile = levity("inft", "mint", "missing.bin", "--inft", f, "--key", hexKey(9));
    assertThat(noFile.exit()).isEqualTo(1);
    assertThat(noFile.err()).contains("no such file: missing.bin");
  }
}

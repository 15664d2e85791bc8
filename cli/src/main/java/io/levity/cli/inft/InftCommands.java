package io.levity.cli.inft;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.inft.IntelligentData;
import io.levity.inft.MarketOrder;
import io.levity.inft.client.InftClient;
import io.levity.inft.client.TokenView;
import io.levity.inft.oracle.MarketListing;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code levity inft} user commands, each a thin call of {@link InftClient}. */
final class InftCommands {
  private InftCommands() {}

  static ObjectNode result(InftOptions o, InftClient.Result r) {
    return o.object()
        .put("tokenId", r.tokenId().toString())
        .put("dataHash", r.dataHash().toHex())
        .put("transaction", r.transaction().toHex());
  }

  /** {@code levity inft register}: publish the encryption key, delegate access to the oracle. */
  @Command(name = "register")
  static final class Register implements Callable<Integer> {
    @Mixin InftOptions o;

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            c.register();
            return o.print(
                "registered " + c.address() + ": encryption key " + c.encryptionKey().toHex(),
                o.object()
                    .put("address", c.address().toHex())
                    .put("encryptionKey", c.encryptionKey().toHex()));
          });
    }
  }

  /** {@code levity inft mint FILE}: encrypt, store and mint. */
  @Command(name = "mint")
  static final class Mint implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--description", paramLabel = "TEXT")
    String description = "agent";

    @Option(names = "--royalty-bps", paramLabel = "BPS")
    int royaltyBps = 0;

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) return o.fail("no such file: " + file);
      return o.run(
          false,
          c -> {
            InftClient.Result r = c.mint(file, description, royaltyBps, o.progress());
            return o.print(
                "minted token " + r.tokenId() + " data hash " + r.dataHash().toHex(), result(o, r));
          });
    }
  }

  /** {@code levity inft update ID FILE}: a new version of the token's data. */
  @Command(name = "update")
  static final class Update implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Parameters(index = "1", paramLabel = "FILE")
    Path file;

    @Option(names = "--description", paramLabel = "TEXT")
    String description = "agent";

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) return o.fail("no such file: " + file);
      return o.run(
          false,
          c -> {
            InftClient.Result r = c.update(tokenId, file, description, o.progress());
            return o.print(
                "updated token " + r.tokenId() + " data hash " + r.dataHash().toHex(),
                result(o, r));
          });
    }
  }

  /** Transfer and clone: the oracle re-encrypts for {@code --to}, then the token moves. */
  abstract static class Move implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Option(names = "--to", paramLabel = "ADDR", required = true)
    String to;

    @Mixin InftOptions o;

    abstract InftClient.Result move(InftClient c, Address receiver);

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            InftClient.Result r = move(c, Address.fromHex(to));
            String verb = r.tokenId().equals(tokenId) ? "transferred" : "cloned";
            return o.print(
                verb
                    + " token "
                    + tokenId
                    + " to "
                    + to
                    + " as token "
                    + r.tokenId()
                    + ", data hash "
                    + r.dataHash().toHex(),
                result(o, r).put("sourceTokenId", tokenId.toString()));
          });
    }
  }

  /** {@code levity inft transfer ID --to ADDR}. */
  @Command(name = "transfer")
  static final class Transfer extends Move {
    @Override
    InftClient.Result move(InftClient c, Address receiver) {
      return c.transfer(tokenId, receiver);
    }
  }

  /** {@code levity inft clone ID --to ADDR}. */
  @Command(name = "clone")
  static final class Clone extends Move {
    @Override
    InftClient.Result move(InftClient c, Address receiver) {
      return c.clone(tokenId, receiver);
    }
  }

  /** Authorize and revoke: one token, one user, one transaction. */
  abstract static class UsageChange implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Option(names = "--user", paramLabel = "ADDR", required = true)
    String user;

    @Mixin InftOptions o;

    abstract Bytes32 send(InftClient c, Address user);

    abstract String done();

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            Bytes32 tx = send(c, Address.fromHex(user));
            return o.print(
                done(),
                o.object()
                    .put("tokenId", tokenId.toString())
                    .put("user", user)
                    .put("transaction", tx.toHex()));
          });
    }
  }

  /** {@code levity inft authorize ID --user ADDR}. */
  @Command(name = "authorize")
  static final class Authorize extends UsageChange {
    @Override
    Bytes32 send(InftClient c, Address u) {
      return c.authorize(tokenId, u);
    }

    @Override
    String done() {
      return "authorized " + user + " to use token " + tokenId;
    }
  }

  /** {@code levity inft revoke ID --user ADDR}. */
  @Command(name = "revoke")
  static final class Revoke extends UsageChange {
    @Override
    Bytes32 send(InftClient c, Address u) {
      return c.revoke(tokenId, u);
    }

    @Override
    String done() {
      return "revoked " + user + "'s use of token " + tokenId;
    }
  }

  /** {@code levity inft open ID --out FILE}: the owner decrypts the current version. */
  @Command(name = "open")
  static final class Open implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Option(names = "--out", paramLabel = "FILE", required = true)
    Path out;

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            long bytes = c.open(tokenId, out, o.progress());
            return o.print(
                "wrote " + bytes + " bytes of token " + tokenId + " to " + out,
                o.object()
                    .put("tokenId", tokenId.toString())
                    .put("out", out.toString())
                    .put("bytes", bytes));
          });
    }
  }

  /** {@code levity inft show ID}: owner, data, history, authorizations, royalty. */
  @Command(name = "show")
  static final class Show implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      return o.run(true, c -> print(c.show(tokenId)));
    }

    private int print(TokenView t) {
      ObjectNode j =
          o.object()
              .put("tokenId", t.tokenId().toString())
              .put("owner", t.owner().toHex())
              .put("creator", t.creator().toHex())
              .put("parent", t.parent().toString())
              .put("royaltyReceiver", t.royaltyReceiver().toHex())
              .put("royaltyBps", t.royaltyBps());
      var data = j.putArray("data");
      for (IntelligentData d : t.data())
        data.addObject()
            .put("description", d.dataDescription())
            .put("dataHash", d.dataHash().toHex());
      var history = j.putArray("history");
      t.history().forEach(h -> history.add(h.toHex()));
      var users = j.putArray("authorizedUsers");
      t.authorizedUsers().forEach(u -> users.add(u.toHex()));
      if (o.json) return o.print("", j);
      StringBuilder s = new StringBuilder();
      s.append("token ").append(t.tokenId()).append('\n');
      s.append("  owner      ").append(t.owner()).append('\n');
      s.append("  creator    ").append(t.creator());
      if (t.parent().signum() > 0) s.append(" (clone of token ").append(t.parent()).append(')');
      s.append('\n');
      for (IntelligentData d : t.data())
        s.append("  data       ")
            .append(d.dataHash())
            .append("  ")
            .append(d.dataDescription())
            .append('\n');
      s.append("  history    ").append(t.history().size()).append(" versions\n");
      for (var h : t.history()) s.append("    ").append(h).append('\n');
      s.append("  authorized ").append(t.authorizedUsers()).append('\n');
      s.append("  royalty    ")
          .append(t.royaltyBps())
          .append(" bps to ")
          .append(t.royaltyReceiver());
      return o.print(s.toString(), j);
    }
  }

  /** {@code levity inft list ID --price WEI}: signs a market listing and prints it as JSON. */
  @Command(name = "list")
  static final class ListToken implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ID")
    BigInteger tokenId;

    @Option(names = "--price", paramLabel = "WEI", required = true)
    BigInteger price;

    @Option(names = "--buyer", paramLabel = "ADDR")
    String buyer;

    @Option(names = "--lifetime", paramLabel = "DURATION", defaultValue = "1440m")
    Duration lifetime;

    @Option(names = "--out", paramLabel = "FILE")
    Path out;

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            Address taker = buyer == null ? Address.ZERO : Address.fromHex(buyer);
            ObjectNode j = listingJson(o, c.list(tokenId, price, taker, lifetime));
            if (out != null) Files.writeString(out, j.toPrettyString() + "\n");
            return o.print(out == null ? j.toString() : "listing written to " + out, j);
          });
    }
  }

  /** {@code levity inft buy --listing FILE}: re-encrypted for the buyer, settled by the market. */
  @Command(name = "buy")
  static final class Buy implements Callable<Integer> {
    @Option(names = "--listing", paramLabel = "FILE", required = true)
    Path listing;

    @Mixin InftOptions o;

    @Override
    public Integer call() {
      return o.run(
          false,
          c -> {
            InftClient.Result r = c.buy(readListing(listing));
            return o.print(
                "bought token " + r.tokenId() + ", data hash " + r.dataHash().toHex(),
                result(o, r));
          });
    }
  }

  static ObjectNode listingJson(InftOptions o, MarketListing l) {
    MarketOrder m = l.order();
    return o.object()
        .put("seller", m.maker().toHex())
        .put("nft", m.nft().toHex())
        .put("tokenId", m.tokenId().toString())
        .put("price", m.price().toString())
        .put("buyer", m.taker().toHex())
        .put("nonce", m.nonce().toString())
        .put("expiry", m.expiry())
        .put("signature", l.signature().toHex());
  }

  static MarketListing readListing(Path file) throws IOException {
    JsonNode j = InftOptions.JSON.readTree(Files.readString(file));
    for (String f :
        new String[] {"seller", "nft", "tokenId", "price", "buyer", "nonce", "expiry", "signature"})
      if (!j.hasNonNull(f))
        throw new IOException(file + ": missing field '" + f + "' of a listing");
    return new MarketListing(
        new MarketOrder(
            Address.fromHex(j.get("seller").asText()),
            Address.fromHex(j.get("nft").asText()),
            new BigInteger(j.get("tokenId").asText()),
            new BigInteger(j.get("price").asText()),
            Address.fromHex(j.get("buyer").asText()),
            new BigInteger(j.get("nonce").asText()),
            j.get("expiry").asLong()),
        Bytes.fromHex(j.get("signature").asText()));
  }
}

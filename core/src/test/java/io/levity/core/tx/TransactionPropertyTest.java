package io.levity.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TransactionPropertyTest {
  @Provide
  Arbitrary<KeyPair> keys() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .filter(Secp256k1::isValidPrivateKey)
        .map(k -> KeyPair.fromPrivate(Bytes32.wrap32(k)));
  }

  private static Arbitrary<UInt256> u256() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMinSize(0)
        .ofMaxSize(32)
        .map(UInt256::fromBytes);
  }

  private static Arbitrary<Address> addresses() {
    return Arbitraries.bytes().array(byte[].class).ofSize(20).map(Address::wrapAddress);
  }

  private static Arbitrary<Bytes32> words() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Bytes32::wrap32);
  }

  private static Arbitrary<Bytes> data() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(Bytes::of);
  }

  private static Arbitrary<List<AccessListEntry>> accessLists() {
    return Combinators.combine(addresses(), words().list().ofMaxSize(3))
        .as(AccessListEntry::new)
        .list()
        .ofMaxSize(3);
  }

  /**
   * Any draft: every envelope, full-range 64-bit nonces and gas limits, 256-bit amounts, creations.
   */
  @Provide
  Arbitrary<Transaction> drafts() {
    Arbitrary<Long> u64 = Arbitraries.longs();
    Arbitrary<Long> chainIds = Arbitraries.longs().between(0, Long.MAX_VALUE);
    Arbitrary<OptionalLong> chain = chainIds.map(OptionalLong::of);
    Arbitrary<Optional<Address>> to = addresses().optional(0.8);
    Arbitrary<Transaction> legacy =
        Combinators.combine(
                u64,
                u256(),
                u64,
                to,
                u256(),
                data(),
                chainIds
                    .optional(0.7)
                    .map(o -> o.map(OptionalLong::of).orElse(OptionalLong.empty())))
            .as(
                (n, p, g, t, v, d, c) ->
                    new LegacyTransaction(n, p, g, t, v, d, c, Transaction.UNSIGNED));
    Arbitrary<Transaction> accessList =
        Combinators.combine(chain, u64, u256(), u64, to, u256(), data(), accessLists())
            .as(
                (c, n, p, g, t, v, d, a) ->
                    new AccessListTransaction(c, n, p, g, t, v, d, a, Transaction.UNSIGNED));
    Arbitrary<Transaction> dynamicFee =
        Combinators.combine(chain, u64, u256(), u256(), u64, to, u256(), data())
            .flatAs(
                (c, n, tip, cap, g, t, v, d) ->
                    accessLists()
                        .map(
                            a ->
                                new DynamicFeeTransaction(
                                    c, n, tip, cap, g, t, v, d, a, Transaction.UNSIGNED)));
    Arbitrary<Transaction> blob =
        Combinators.combine(
                chain, u64, u256(), u256(), u64, addresses().map(Optional::of), u256(), data())
            .flatAs(
                (c, n, tip, cap, g, t, v, d) ->
                    Combinators.combine(accessLists(), u256(), words().list().ofMaxSize(7))
                        .as(
                            (a, blobFee, hashes) ->
                                new BlobTransaction(
                                    c,
                                    n,
                                    tip,
                                    cap,
                                    g,
                                    t,
                                    v,
                                    d,
                                    a,
                                    blobFee,
                                    hashes,
                                    Transaction.UNSIGNED)));
    return Arbitraries.oneOf(legacy, accessList, dynamicFee, blob);
  }

  @Property(tries = 300)
  void signEncodeDecodeRecover(@ForAll("drafts") Transaction draft, @ForAll("keys") KeyPair key) {
    Transaction signed = new TransactionSigner(key).sign(draft);
    byte[] bytes = signed.encode();
    Transaction decoded = TransactionDecoder.decode(bytes);
    assertThat(decoded).isEqualTo(signed);
    assertThat(decoded.encode()).isEqualTo(bytes);
    assertThat(decoded.signingHash()).isEqualTo(draft.signingHash());
    assertThat(decoded.recoverSender()).contains(key.address());
  }

  /**
   * Whatever the input, decoding either fails with a named rule or returns a value that encodes
   * back to it.
   */
  @Property(tries = 2000)
  void decodingArbitraryBytesIsStrict(@ForAll("mutatedEncodings") byte[] input) {
    Transaction tx;
    try {
      tx = TransactionDecoder.decode(input);
    } catch (InvalidTransactionException e) {
      assertThat(e.error()).isNotNull();
      return;
    }
    assertThat(tx.encode()).isEqualTo(input);
  }

  @Provide
  Arbitrary<byte[]> mutatedEncodings() {
    Arbitrary<byte[]> valid = drafts().map(Transaction::encode);
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                valid,
                Arbitraries.integers().between(0, 1 << 20),
                Arbitraries.bytes(),
                Arbitraries.integers().between(0, 2))
            .as(
                (b, pos, x, op) -> {
                  int at = pos % b.length;
                  return switch (op) {
                    case 0 -> { // overwrite one byte
                      byte[] c = b.clone();
                      c[at] = x;
                      yield c;
                    }
                    case 1 -> java.util.Arrays.copyOf(b, at); // truncate
                    default -> { // insert one byte
                      byte[] c = new byte[b.length + 1];
                      System.arraycopy(b, 0, c, 0, at);
                      c[at] = x;
                      System.arraycopy(b, at, c, at + 1, b.length - at);
                      yield c;
                    }
                  };
                });
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    return Arbitraries.oneOf(valid, mutated, random);
  }
}

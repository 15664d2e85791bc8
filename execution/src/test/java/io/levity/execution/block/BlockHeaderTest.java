package io.levity.execution.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1.KeyPair;
import io.levity.core.num.UInt256;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpException;
import io.levity.core.rlp.RlpReader;
import io.levity.core.tx.AccessListTransaction;
import io.levity.core.tx.BlobTransaction;
import io.levity.core.tx.LegacyTransaction;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.execution.tx.Samples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Header and block encodings: Ethereum mainnet's genesis hash, the Cancun field order, strict
 * decoding.
 */
class BlockHeaderTest {
  private static final Bytes32 EMPTY_TRIE =
      Bytes32.fromHex32("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

  /** Ethereum mainnet block 0 (Frontier: 15 fields, difficulty 2^34, nonce 0x42). */
  @Test
  void mainnetGenesisHash() {
    BlockHeader genesis =
        new BlockHeader(
            Bytes32.ZERO,
            BlockHeader.EMPTY_OMMERS_HASH,
            Address.ZERO,
            Bytes32.fromHex32("0xd7f8974fb5ac78d9ac099b9ad5018bedc2ce0a72dad1827a1709da30580f0544"),
            EMPTY_TRIE,
            EMPTY_TRIE,
            LogsBloom.EMPTY,
            UInt256.valueOf(17_179_869_184L),
            0,
            5000,
            0,
            0,
            Bytes.fromHex("0x11bbe8db4e347b4e8c937c1c8370e4b5ed33adb3db69cbdb7a38e1e50b1b82fa"),
            Bytes32.ZERO,
            0x42,
            null,
            null,
            null,
            null,
            null);
    assertThat(genesis.hash())
        .isEqualTo(
            Bytes32.fromHex32(
                "0xd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3"));
    assertThat(BlockHeader.decode(genesis.encode())).isEqualTo(genesis);
  }

  @Test
  void emptyRootsAreEthereums() {
    assertThat(BlockHeader.EMPTY_TRIE_ROOT).isEqualTo(EMPTY_TRIE);
    assertThat(BlockHeader.EMPTY_OMMERS_HASH)
        .isEqualTo(
            Bytes32.fromHex32(
                "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"));
    assertThat(BlockRoots.transactionsRoot(List.of())).isEqualTo(EMPTY_TRIE);
    assertThat(BlockRoots.receiptsRoot(List.of())).isEqualTo(EMPTY_TRIE);
  }

  static BlockHeader sampleCancun() {
    byte[] bloom = new byte[256];
    bloom[7] = 1;
    return BlockHeader.cancun(
        filled(1),
        Address.fromHex("0x" + "02".repeat(20)),
        filled(3),
        filled(4),
        filled(5),
        Bytes.wrap(bloom),
        0x0a0b,
        30_000_000,
        21_000,
        1_700_000_000L,
        Bytes.fromHex("0x6c6576697479"),
        filled(6),
        UInt256.valueOf(7_000_000_000L),
        131_072,
        393_216,
        filled(8));
  }

  @Test
  void cancunHeaderHasTwentyFieldsInEthereumsOrder() {
    BlockHeader h = sampleCancun();
    List<byte[]> items = items(h.encode());
    assertThat(items).hasSize(20);
    byte[][] expected = {
      filled(1).toArray(),
      BlockHeader.EMPTY_OMMERS_HASH.toArray(),
      Bytes.fromHex("0x" + "02".repeat(20)).toArray(),
      filled(3).toArray(),
      filled(4).toArray(),
      filled(5).toArray(),
      h.logsBloom().toArray(),
      new byte[0],
      {0x0a, 0x0b},
      Rlp.minimalBytes(30_000_000),
      Rlp.minimalBytes(21_000),
      Rlp.minimalBytes(1_700_000_000L),
      Bytes.fromHex("0x6c6576697479").toArray(),
      filled(6).toArray(),
      new byte[8],
      Rlp.minimalBytes(7_000_000_000L),
      EMPTY_TRIE.toArray(),
      Rlp.minimalBytes(131_072),
      Rlp.minimalBytes(393_216),
      filled(8).toArray()
    };
    for (int i = 0; i < expected.length; i++) {
      assertThat(items.get(i)).as("field %d", i).isEqualTo(expected[i]);
    }
    assertThat(h.hash()).isEqualTo(Keccak.hash(h.encode()));
    assertThat(BlockHeader.decode(h.encode())).isEqualTo(h);
  }

  @Test
  void decodingIsStrict() {
    byte[] enc = sampleCancun().encode();
    byte[] trailing = Arrays.copyOf(enc, enc.length + 1);
    assertThatThrownBy(() -> BlockHeader.decode(trailing)).isInstanceOf(RlpException.class);
    List<byte[]> items = rawItems(enc);
    items.add(Rlp.encodeBytes(new byte[] {1}));
    assertThatThrownBy(() -> BlockHeader.decode(Rlp.encodeList(items)))
        .hasMessageContaining("more than 20");
    List<byte[]> shortBloom = rawItems(enc);
    shortBloom.set(6, Rlp.encodeBytes(new byte[255]));
    assertThatThrownBy(() -> BlockHeader.decode(Rlp.encodeList(shortBloom)))
        .hasMessageContaining("logs bloom");
  }

  @Test
  void aLaterFieldNeedsTheEarlierOnes() {
    assertThatThrownBy(
            () ->
                new BlockHeader(
                    Bytes32.ZERO,
                    Bytes32.ZERO,
                    Address.ZERO,
                    Bytes32.ZERO,
                    Bytes32.ZERO,
                    Bytes32.ZERO,
                    LogsBloom.EMPTY,
                    UInt256.ZERO,
                    0,
                    0,
                    0,
                    0,
                    Bytes.EMPTY,
                    Bytes32.ZERO,
                    0,
                    UInt256.ONE,
                    null,
                    5L,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void blockRoundTripsWithEveryEnvelope() {
    TransactionSigner signer = new TransactionSigner(KeyPair.fromPrivate(filled(0x42)));
    Address to = Address.fromHex("0x" + "35".repeat(20));
    List<Transaction> txs = new ArrayList<>();
    txs.add(
        signer.sign(
            new LegacyTransaction(
                0,
                UInt256.ONE,
                21_000,
                Optional.of(to),
                UInt256.ONE,
                Bytes.EMPTY,
                OptionalLong.of(1),
                Transaction.UNSIGNED)));
    txs.add(
        signer.sign(
            new AccessListTransaction(
                OptionalLong.of(1),
                1,
                UInt256.ONE,
                30_000,
                Optional.empty(),
                UInt256.ZERO,
                Bytes.fromHex("0x6000"),
                List.of(),
                Transaction.UNSIGNED)));
    txs.add(signer.transfer(1, 2, to, UInt256.ONE, UInt256.ONE, UInt256.valueOf(10)));
    txs.add(
        signer.sign(
            new BlobTransaction(
                OptionalLong.of(1),
                3,
                UInt256.ONE,
                UInt256.valueOf(10),
                21_000,
                Optional.of(to),
                UInt256.ZERO,
                Bytes.EMPTY,
                List.of(),
                UInt256.ONE,
                List.of(filled(1)),
                Transaction.UNSIGNED)));
    Block block = new Block(sampleCancun(), txs);
    byte[] enc = block.encode();
    Block back = Block.decode(enc);
    assertThat(back.header()).isEqualTo(block.header());
    assertThat(back.transactions())
        .extracting(Transaction::hash)
        .containsExactlyElementsOf(txs.stream().map(Transaction::hash).toList());
    assertThat(back.encode()).isEqualTo(enc);
    // header, transactions, ommers (empty) and withdrawals (empty); typed transactions are RLP
    // strings.
    List<byte[]> parts = items(enc);
    assertThat(parts).hasSize(4);
    assertThat(parts.get(2)).isEqualTo(Rlp.emptyList());
    assertThat(parts.get(3)).isEqualTo(Rlp.emptyList());
    List<byte[]> body = items(parts.get(1));
    assertThat(body.get(0)).isEqualTo(txs.get(0).encode());
    assertThat(body.get(2)).isEqualTo(txs.get(2).encode()); // read as a string payload
  }

  static Bytes32 filled(int b) {
    byte[] out = new byte[32];
    Arrays.fill(out, (byte) b);
    return Bytes32.wrap32(out);
  }

  /** The full encodings of a list's items. */
  static List<byte[]> rawItems(byte[] list) {
    return Samples.items(list, 0);
  }

  /** The payloads (for strings) or full encodings (for lists) of a list's items. */
  static List<byte[]> items(byte[] list) {
    RlpReader r = new RlpReader(list);
    r.enterList();
    List<byte[]> out = new ArrayList<>();
    while (r.hasNext()) {
      if (r.nextIsList()) {
        int[] span = r.skipItem();
        out.add(Arrays.copyOfRange(list, span[0], span[1]));
      } else {
        out.add(r.readBytes());
      }
    }
    return out;
  }
}

package io.levity.da.node;

import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.bls.Bls;
import io.levity.core.crypto.bls.BlsKeyPair;
import io.levity.da.chain.InMemoryDaChain;
import io.levity.da.encoding.BlobEncoder;
import io.levity.da.encoding.BlobLayout;
import io.levity.da.encoding.Cell;
import io.levity.da.encoding.CellId;
import io.levity.da.encoding.EncodedBlob;
import io.levity.da.quorum.Assignment;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A chain with four DA nodes of unequal stake active in epoch 1, a fifth registered late (active
 * from epoch 2), and one blob of two pieces encoded once.
 */
final class DaNodeFixture {
  static final int NODES = 4;
  static final int LATE = NODES;
  private static final EncodedBlob BLOB = encode(200_000, 7);

  final InMemoryDaChain chain = new InMemoryDaChain();
  final List<BlsKeyPair> keys = new ArrayList<>();

  DaNodeFixture() {
    for (int i = 0; i <= NODES; i++) {
      keys.add(Bls.fromSeed(Bytes32.leftPad(Bytes.of((byte) (i + 1)))));
      if (i < NODES) {
        chain.register(keys.get(i), "http://127.0.0.1:" + (8900 + i), BigInteger.valueOf(10 + i));
      }
    }
    chain.advanceEpoch();
    chain.register(keys.get(LATE), "http://127.0.0.1:8999", BigInteger.TEN);
  }

  static EncodedBlob encode(int length, long seed) {
    byte[] data = new byte[length];
    new Random(seed).nextBytes(data);
    return BlobEncoder.encode(data, BlobLayout.DEFAULT_MAX_BLOB, 1);
  }

  static EncodedBlob blob() {
    return BLOB;
  }

  /** Node {@code index}'s share of {@code blob} in {@code epoch}, in assignment order. */
  List<Cell> share(EncodedBlob blob, int index, long epoch) {
    List<Cell> out = new ArrayList<>();
    for (CellId id : assignment(blob, epoch).cellsOf(index)) out.add(blob.cell(id));
    return out;
  }

  Assignment assignment(EncodedBlob blob, long epoch) {
    return Assignment.of(chain.quorum(epoch), blob.header().id(), blob.header().pieceCount());
  }

  StoreRequest request(int index, long epoch) {
    return new StoreRequest(BLOB.header(), epoch, share(BLOB, index, epoch));
  }
}

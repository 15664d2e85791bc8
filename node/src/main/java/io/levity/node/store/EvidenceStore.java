package io.levity.node.store;

import io.levity.consensus.engine.Equivocation;
import io.levity.consensus.message.ConsensusCodec;
import io.levity.consensus.message.ConsensusMessage;
import io.levity.consensus.message.MalformedMessageException;
import io.levity.core.rlp.Rlp;
import io.levity.core.rlp.RlpReader;
import io.levity.trie.KeyValueStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Equivocation evidence the engine caught, kept in the node's RocksDB so it outlives a restart:
 * both signed messages of each case, for an operator or a later slashing rule to act on. Bounded,
 * since a Byzantine validator decides how often it equivocates: at most {@link #PER_VALIDATOR}
 * cases per validator and {@link #MAX_CASES} in all (each may hold two payloads of up to the
 * payload limit); later ones are only counted by the caller.
 *
 * <pre>
 *   "evidence"          -> rlp([[validator, round, kind], ...]) the cases, in the order caught
 *   'E' || n(4, big-endian) -> rlp([first message, second message]) as ConsensusCodec encodes them
 * </pre>
 *
 * Thread-safe.
 */
public final class EvidenceStore {
  /** Cases kept per validator. */
  public static final int PER_VALIDATOR = 4;

  /** Cases kept in all. */
  public static final int MAX_CASES = 64;

  static final byte[] INDEX = {'e', 'v', 'i', 'd', 'e', 'n', 'c', 'e'};
  static final byte CASE = 'E';

  /** How the index writes {@link Equivocation.Kind} (fixed codes, not enum order). */
  private static final long PROPOSAL_CODE = 1;

  private static final long VOTE_CODE = 2;

  /** What {@link #save} did. */
  public enum Saved {
    STORED,
    ALREADY_KNOWN,
    LIMIT_REACHED
  }

  private record Key(int validator, long round, Equivocation.Kind kind) {}

  private final KeyValueStore kv;
  private final ConsensusCodec codec;
  private final List<Key> index = new ArrayList<>();

  EvidenceStore(KeyValueStore kv, ConsensusCodec codec) {
    this.kv = kv;
    this.codec = codec;
    kv.get(INDEX)
        .ifPresent(
            v -> {
              RlpReader r = new RlpReader(v);
              r.enterList();
              while (r.hasNext()) {
                r.enterList();
                int validator = (int) r.readLong();
                long round = r.readLong();
                Equivocation.Kind kind =
                    r.readLong() == PROPOSAL_CODE
                        ? Equivocation.Kind.PROPOSAL
                        : Equivocation.Kind.VOTE;
                r.exitList();
                index.add(new Key(validator, round, kind));
              }
              r.exitList();
              r.requireEnd();
            });
  }

  /** Keeps a case unless it is known or the limits are reached; returns once it is fsynced. */
  public synchronized Saved save(Equivocation e) {
    Key k = new Key(e.validator(), e.round(), e.kind());
    if (index.contains(k)) return Saved.ALREADY_KNOWN;
    long ofValidator = index.stream().filter(x -> x.validator() == k.validator()).count();
    if (index.size() >= MAX_CASES || ofValidator >= PER_VALIDATOR) return Saved.LIMIT_REACHED;
    byte[] value =
        Rlp.encodeList(
            Rlp.encodeBytes(ConsensusCodec.encode(e.first())),
            Rlp.encodeBytes(ConsensusCodec.encode(e.second())));
    index.add(k);
    try (KeyValueStore.WriteBatch batch = kv.newBatch()) {
      batch.put(caseKey(index.size() - 1), value).put(INDEX, encodeIndex()).write();
    } catch (RuntimeException ex) {
      index.remove(index.size() - 1);
      throw ex;
    }
    return Saved.STORED;
  }

  /** How many cases are kept. */
  public synchronized int size() {
    return index.size();
  }

  /** Every case kept, in the order caught. */
  public synchronized List<Equivocation> all() {
    List<Equivocation> out = new ArrayList<>(index.size());
    for (int n = 0; n < index.size(); n++) {
      byte[] v = kv.get(caseKey(n)).orElseThrow(() -> new IllegalStateException("evidence lost"));
      RlpReader r = new RlpReader(v);
      r.enterList();
      ConsensusMessage first = decode(r.readBytes());
      ConsensusMessage second = decode(r.readBytes());
      r.exitList();
      r.requireEnd();
      out.add(new Equivocation(first, second));
    }
    return out;
  }

  private ConsensusMessage decode(byte[] wire) {
    try {
      return codec.decode(wire);
    } catch (MalformedMessageException e) {
      throw new IllegalStateException("stored evidence does not decode", e);
    }
  }

  private byte[] encodeIndex() {
    List<byte[]> items = new ArrayList<>(index.size());
    for (Key k : index) {
      items.add(
          Rlp.encodeList(
              Rlp.encodeLong(k.validator()),
              Rlp.encodeLong(k.round()),
              Rlp.encodeLong(k.kind() == Equivocation.Kind.PROPOSAL ? PROPOSAL_CODE : VOTE_CODE)));
    }
    return Rlp.encodeList(items);
  }

  private static byte[] caseKey(int n) {
    return new byte[] {CASE, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
  }
}

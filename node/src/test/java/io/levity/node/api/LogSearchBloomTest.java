package io.levity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.node.rpc.JsonRpcProcessor;
import io.levity.testing.RpcCalls;
import io.levity.trie.ForwardingKeyValueStore;
import io.levity.trie.InMemoryKeyValueStore;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** eth_getLogs reads only headers for blocks whose bloom rules them out. */
class LogSearchBloomTest {
  /** Counts reads of block bodies ('b' keys) and receipts ('r' keys). */
  private static final class CountingStore extends ForwardingKeyValueStore {
    final AtomicInteger bodyOrReceiptReads = new AtomicInteger();
    volatile boolean counting;

    CountingStore() {
      super(new InMemoryKeyValueStore());
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
      if (counting && key.length == 33 && (key[0] == 'b' || key[0] == 'r'))
        bodyOrReceiptReads.incrementAndGet();
      return inner.get(key);
    }
  }

  @Test
  void aRangeWithoutMatchesReadsNoBodiesOrReceipts() {
    CountingStore kv = new CountingStore();
    TestChain chain = new TestChain(kv);
    chain.addEmptyBlocks(60);
    JsonRpcProcessor rpc = new JsonRpcProcessor(100);
    new EthApi(
            new StoreChainView(TestChain.CHAIN_ID, chain.store, chain.mempool, () -> 0),
            EthApi.Config.DEFAULT,
            (tx, raw) -> {})
        .register(rpc);
    String filter =
        "[{\"fromBlock\":\"0x3\",\"toBlock\":\"latest\",\"topics\":[\""
            + TestChain.TOPIC.toHex()
            + "\"]}]";
    kv.counting = true;
    JsonNode r = RpcCalls.call(rpc::handle, "eth_getLogs", filter);
    assertThat(r.get("result")).isEmpty();
    assertThat(kv.bodyOrReceiptReads.get()).isZero();
    // the block that does log is still found, reading its body and receipts
    JsonNode found =
        RpcCalls.call(
            rpc::handle,
            "eth_getLogs",
            "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\",\"topics\":[\""
                + TestChain.TOPIC.toHex()
                + "\"]}]");
    assertThat(found.get("result")).hasSize(1);
  }
}

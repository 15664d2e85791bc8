package io.levity.cli.bench.imports;

import io.levity.cli.bench.imports.ImportChain.Block;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.core.tx.Transaction;
import io.levity.core.tx.TransactionSigner;
import io.levity.evm.ContractAddress;
import io.levity.execution.block.BlockBuilder;
import io.levity.execution.block.Genesis;
import io.levity.execution.state.TransactionResult.Executed;
import io.levity.execution.tx.ValidationCache;
import io.levity.node.runtime.ChainExecutor;
import io.levity.node.runtime.Payload;
import io.levity.node.store.RocksDbBlockStore;
import io.levity.sdk.tx.TxRequest;
import io.levity.trie.InMemoryKeyValueStore;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Builds an {@link ImportChain} (not timed): senders derived from the seed and funded in the
 * genesis; for the token workloads a setup that deploys BenchToken and gives every sender tokens;
 * then each workload's blocks, executed by a {@link ChainExecutor} on an in-memory store so that
 * every block's hash and state root are known. Fails if any transaction is left out or fails.
 */
final class ImportChainBuilder {
  static final long DEPLOY_GAS = 2_000_000;

  /** At most this many setup transfers per setup block. */
  static final int SETUP_PER_BLOCK = 1000;

  /**
   * What to build.
   *
   * @param txsPerBlock 0: each workload's own ({@link #defaultTxsPerBlock})
   */
  record Settings(
      List<ImportWorkload> workloads,
      int blocks,
      int warmupBlocks,
      int txsPerBlock,
      int senders,
      long seed) {
    Settings {
      workloads = List.copyOf(workloads);
    }

    int txsPerBlock(ImportWorkload w) {
      return txsPerBlock > 0 ? txsPerBlock : defaultTxsPerBlock(w);
    }

    long gasLimit() {
      int most = SETUP_PER_BLOCK;
      for (ImportWorkload w : workloads) most = Math.max(most, txsPerBlock(w));
      return Math.max(30_000_000L, most * ImportWorkload.TOKEN_TRANSFER_GAS + DEPLOY_GAS);
    }
  }

  static int defaultTxsPerBlock(ImportWorkload w) {
    return switch (w) {
      case ETH -> 2000;
      case ERC20 -> 1000;
      case MIXED -> 1500;
    };
  }

  private final Settings settings;
  private final Bytes tokenInitcode;
  private final PrintWriter log;
  private final List<TransactionSigner> signers;
  private final long[] nonces;
  private final RocksDbBlockStore store = new RocksDbBlockStore(new InMemoryKeyValueStore());
  private final ChainExecutor executor =
      new ChainExecutor(
          store, ImportChain.CHAIN_ID, new ValidationCache(ImportRuns.CACHE_CAPACITY));
  private Address token = Address.ZERO;
  private int nextSender;
  private long number;

  /** {@code tokenInitcode}: BenchToken's creation code; only read when a workload uses it. */
  ImportChainBuilder(Settings settings, Bytes tokenInitcode, PrintWriter log) {
    this.settings = settings;
    this.tokenInitcode = tokenInitcode;
    this.log = log;
    this.signers =
        IntStream.range(0, settings.senders())
            .parallel()
            .mapToObj(i -> new TransactionSigner(senderKey(settings.seed(), i)))
            .toList();
    this.nonces = new long[settings.senders()];
  }

  static Secp256k1.KeyPair senderKey(long seed, int index) {
    byte[] in =
        ByteBuffer.allocate(24).putLong(0x4c45564954594249L).putLong(seed).putLong(index).array();
    byte[] priv = Keccak.hash256(in);
    if (!Secp256k1.isValidPrivateKey(priv))
      throw new IllegalStateException(
          "sender " + index + " of seed " + seed + ": use another seed");
    return Secp256k1.KeyPair.fromPrivate(Bytes32.wrap32(priv));
  }

  Genesis genesis() {
    Map<Address, Genesis.Account> alloc = new LinkedHashMap<>();
    for (TransactionSigner s : signers)
      alloc.put(s.address(), Genesis.Account.ofBalance(ImportChain.SENDER_BALANCE));
    return new Genesis(
        ImportChain.CHAIN_ID, settings.gasLimit(), 0, ImportChain.BASE_FEE, Bytes.EMPTY, alloc);
  }

  ImportChain build() {
    Genesis genesis = genesis();
    store.initialize(genesis);
    List<Segment> segments = new ArrayList<>();
    if (settings.workloads().stream().anyMatch(ImportWorkload::usesToken))
      segments.add(new Segment(Optional.empty(), setupBlocks(), List.of()));
    for (ImportWorkload w : settings.workloads()) {
      log.printf(
          "levity: building %d+%d %s blocks of %d transactions%n",
          settings.warmupBlocks(), settings.blocks(), w.label, settings.txsPerBlock(w));
      log.flush();
      List<Block> warmup = new ArrayList<>();
      for (int b = 0; b < settings.warmupBlocks(); b++) warmup.add(workloadBlock(w));
      List<Block> measured = new ArrayList<>();
      for (int b = 0; b < settings.blocks(); b++) measured.add(workloadBlock(w));
      segments.add(new Segment(Optional.of(w), warmup, measured));
    }
    return new ImportChain(genesis, segments);
  }

  private List<Block> setupBlocks() {
    TransactionSigner owner = signers.get(0);
    token = ContractAddress.create(owner.address(), nonces[0]);
    UInt256 supply = UInt256.valueOf(BigInteger.TEN.pow(30));
    List<Transaction> txs = new ArrayList<>();
    txs.add(
        owner.sign(
            TxRequest.deploy(Bytes.concat(tokenInitcode, supply.toBytes32()))
                .draft(ImportChain.CHAIN_ID, nonces[0]++, DEPLOY_GAS, ImportWorkload.FEES)));
    UInt256 share = supply.divide(UInt256.valueOf(signers.size() + 1L));
    for (int i = 1; i < signers.size(); i++) {
      txs.add(
          owner.sign(
              ImportWorkload.tokenTransfer(
                  ImportChain.CHAIN_ID, nonces[0]++, token, signers.get(i).address(), share)));
    }
    log.printf(
        "levity: setup: BenchToken at %s, tokens for %d senders%n",
        token.toChecksumHex(), signers.size() - 1);
    List<Block> blocks = new ArrayList<>();
    for (int from = 0; from < txs.size(); from += SETUP_PER_BLOCK)
      blocks.add(execute(txs.subList(from, Math.min(txs.size(), from + SETUP_PER_BLOCK))));
    if (!storeHasCode(token))
      throw new IllegalStateException("BenchToken has no code at " + token + " after the setup");
    return blocks;
  }

  private boolean storeHasCode(Address address) {
    return !store.headState().code(address).isEmpty();
  }

  private Block workloadBlock(ImportWorkload w) {
    int n = settings.txsPerBlock(w);
    long blockNumber = number + 1;
    List<Transaction> drafts = new ArrayList<>(n);
    int[] sender = new int[n];
    for (int i = 0; i < n; i++) {
      int s = nextSender;
      nextSender = (nextSender + 1) % signers.size();
      sender[i] = s;
      drafts.add(
          w.draft(
              ImportChain.CHAIN_ID,
              i,
              nonces[s]++,
              freshRecipient(settings.seed(), blockNumber, i),
              token));
    }
    List<Transaction> signed =
        IntStream.range(0, n)
            .parallel()
            .mapToObj(i -> signers.get(sender[i]).sign(drafts.get(i)))
            .toList();
    return execute(signed);
  }

  /** The next block with exactly these transactions; fails if one is left out or fails. */
  private Block execute(List<Transaction> txs) {
    number++;
    List<Bytes> raw = new ArrayList<>(txs.size());
    for (Transaction t : txs) raw.add(Bytes.wrap(t.encode()));
    Payload payload = new Payload(number, Address.ZERO, raw);
    Bytes32 id = consensusId(settings.seed(), number);
    BlockBuilder.Built built = executor.executeAndStore(payload, id, batch -> {});
    if (!built.dropped().isEmpty()) {
      BlockBuilder.Dropped d = built.dropped().get(0);
      throw new IllegalStateException(
          "block "
              + number
              + " left out "
              + built.dropped().size()
              + " transactions, the first "
              + d.transaction().hash()
              + ": "
              + d.reason());
    }
    for (Executed r : built.results()) {
      if (!r.isSuccess())
        throw new IllegalStateException(
            "a transaction of block " + number + " failed: " + r.describe());
    }
    return new Block(
        payload.encode(),
        id,
        built.block().hash(),
        built.block().header().stateRoot(),
        txs.size(),
        built.block().header().gasUsed());
  }

  static Bytes32 consensusId(long seed, long number) {
    return Keccak.hash(
        ByteBuffer.allocate(17).put((byte) 'c').putLong(seed).putLong(number).array());
  }

  /** A recipient no one has used: the last 20 bytes of keccak256(seed, block, index). */
  static Address freshRecipient(long seed, long block, int index) {
    byte[] h =
        Keccak.hash256(ByteBuffer.allocate(20).putLong(seed).putLong(block).putInt(index).array());
    return Address.wrapAddress(Arrays.copyOfRange(h, 12, 32));
  }
}

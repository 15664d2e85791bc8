package io.levity.cli.bench.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.cli.LevityRun;
import io.levity.cli.bench.imports.ImportChain.Block;
import io.levity.cli.bench.imports.ImportChain.Segment;
import io.levity.cli.bench.tps.TokenSetup;
import io.levity.cli.options.LevityHomeOption;
import io.levity.core.bytes.Bytes;
import io.levity.execution.block.BlockBuilder;
import io.levity.node.runtime.Payload;
import io.levity.node.store.RocksDbBlockStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * levity bench import on tiny blocks: every run gives the builder's blocks, the counts add up, the
 * output and JSON parse; a payload that differs from the built block fails the run.
 */
class ImportBenchCommandTest {
  @TempDir Path tmp;

  @Test
  void importsEveryWorkloadAndReportsEachStage() throws IOException {
    Path json = tmp.resolve("import.json");
    LevityRun run =
        LevityRun.run(
            "bench",
            "import",
            "--blocks",
            "2",
            "--warmup",
            "1",
            "--txs-per-block",
            "50",
            "--senders",
            "20",
            "--threads",
            "2",
            "--json",
            json.toString(),
            "--data-dir",
            tmp.resolve("data").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    for (String w : List.of("eth", "erc20", "mixed")) {
      assertThat(run.out()).containsPattern("workload " + w + ": 2 blocks x 50 txs = 100 txs");
    }
    assertThat(run.out())
        .containsPattern("(?m)^recover senders \\(validate\\) +\\| +[0-9.]+ +[0-9.]+ +[0-9.]+%")
        .containsPattern("(?m)^end to end, ChainExecutor, 1 thread: +[0-9,]+ tx/s +[0-9.]+ Mgas/s")
        .containsPattern("(?m)^staged, senders recovered on 2 threads: +[0-9,]+ tx/s");
    assertThat(run.err())
        .contains("levity: erc20, staged, 1 thread: ")
        .contains("levity: mixed, end to end, all threads: ");

    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.path("workloads")).hasSize(3);
    for (JsonNode w : root.path("workloads")) {
      assertThat(w.path("transactions").asLong()).isEqualTo(100);
      assertThat(w.path("blocks").asInt()).isEqualTo(2);
      for (String r : List.of("endToEnd", "endToEndParallel", "staged", "stagedParallelRecovery"))
        assertThat(w.path(r).path("txPerSecond").asDouble()).as(r).isPositive();
      assertThat(w.path("staged").path("stageMicrosPerTx").path("execute").asDouble()).isPositive();
    }
    // ETH transfers use exactly 21000 gas each; token transfers more.
    assertThat(root.path("workloads").get(0).path("gas").asLong()).isEqualTo(100 * 21_000L);
    assertThat(root.path("workloads").get(1).path("gas").asLong()).isGreaterThan(100 * 30_000L);
  }

  @Test
  void everyStageGetsTheTimeBetweenItsClockReadings() throws IOException {
    ImportChain chain = chain(List.of(ImportWorkload.ETH), 1);
    AtomicLong tick = new AtomicLong();
    Meters meters = new Meters(() -> tick.addAndGet(1000), () -> 0, () -> 0);
    Map<String, StageTimes> times =
        ImportRuns.staged(tmp.resolve("s"), chain, 1, meters, new PrintWriter(new StringWriter()));
    StageTimes eth = times.get("eth");
    assertThat(eth.transactions).isEqualTo(30);
    assertThat(eth.blocks).isEqualTo(1);
    // Per block: the run reads the clock before and after; the stages read it 7 times in between.
    long stages = 0;
    for (StageTimes.Stage s : StageTimes.Stage.values()) {
      assertThat(eth.nanos(s)).as(s.name()).isEqualTo(1000);
      stages += eth.nanos(s);
    }
    assertThat(eth.wallNanos).isEqualTo(stages + 2000);
  }

  @Test
  void aPayloadThatIsNotTheBuiltBlockFailsTheStagedAndTheEndToEndRun() throws IOException {
    ImportChain chain = chain(List.of(ImportWorkload.ERC20), 2);
    Segment s = chain.segments().get(1);
    Block last = s.measured().get(1);
    Payload p = Payload.decode(last.payload());
    // One transaction fewer: a valid block, but not the one the builder built.
    Payload fewer =
        new Payload(
            p.timestamp(), p.coinbase(), p.transactions().subList(1, p.transactions().size()));
    Block tampered =
        new Block(
            fewer.encode(),
            last.consensusId(),
            last.hash(),
            last.stateRoot(),
            last.transactions(),
            last.gasUsed());
    List<Segment> segments = new ArrayList<>(chain.segments());
    segments.set(1, new Segment(s.workload(), s.warmup(), List.of(s.measured().get(0), tampered)));
    ImportChain bad = new ImportChain(chain.genesis(), segments);
    PrintWriter log = new PrintWriter(new StringWriter());
    Meters meters = new Meters(() -> 0, () -> 0, () -> 0);

    assertThat(ImportRuns.staged(tmp.resolve("good"), chain, 2, meters, log)).containsKey("erc20");
    assertThatThrownBy(() -> ImportRuns.staged(tmp.resolve("bad"), bad, 2, meters, log))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(
            "block " + (s.warmup().size() + 3) + ", imported staged, 1 thread: state root")
        .hasMessageContaining("the runs did not do the same work");
    assertThatThrownBy(() -> ImportRuns.endToEnd(tmp.resolve("bad2"), bad, meters, log))
        .hasMessageContaining(", imported end to end, 1 thread: state root");
  }

  @Test
  void theStagedImportKeepsTheBlocksSendersAsTheExecutorDoes() throws IOException {
    ImportChain chain = chain(List.of(ImportWorkload.ETH), 1);
    Block first = chain.segments().get(0).warmup().get(0);
    try (RocksDbBlockStore store = RocksDbBlockStore.open(tmp.resolve("one"));
        StagedImport staged = new StagedImport(store, ImportChain.CHAIN_ID, 1, () -> 0)) {
      store.initialize(chain.genesis());
      StageTimes times = new StageTimes();
      BlockBuilder.Built built = staged.importBlock(first.payload(), first.consensusId(), times);
      assertThat(built.block().hash()).isEqualTo(first.hash());
      // 30 transactions round robin over 10 senders: every sender, once each.
      assertThat(staged.lastSenders())
          .hasSize(10)
          .containsAll(built.results().stream().map(r -> r.sender()).toList());
    }
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingIsBuilt() {
    LevityRun w = LevityRun.run("bench", "import", "--workload", "nft");
    assertThat(w.exit()).isEqualTo(2);
    assertThat(w.err()).contains("unknown workload nft");
    LevityRun s = LevityRun.run("bench", "import", "--senders", "1");
    assertThat(s.exit()).isEqualTo(2);
    assertThat(s.err()).contains("--senders must be in 2..100000");
  }

  private static ImportChain chain(List<ImportWorkload> workloads, int blocks) throws IOException {
    Bytes initcode = TokenSetup.benchTokenInitcode(LevityHomeOption.find());
    return new ImportChainBuilder(
            new ImportChainBuilder.Settings(workloads, blocks, 1, 30, 10, 7),
            initcode,
            new PrintWriter(new StringWriter()))
        .build();
  }
}

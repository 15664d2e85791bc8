package io.levity.cli.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.ai.tensor.Kernels;
import io.levity.cli.LevityRun;
import io.levity.cli.node.ChainWithStorage;
import io.levity.compute.ComputeNetwork;
import io.levity.compute.models.StorageContentStore;
import io.levity.compute.training.JobListener;
import io.levity.compute.training.JobRecord;
import io.levity.compute.training.JobSpec;
import io.levity.compute.training.TrainingJobException;
import io.levity.compute.training.TrainingJobRunner;
import io.levity.compute.training.TrainingJobsClient;
import io.levity.compute.training.TrainingPresets;
import io.levity.core.bytes.Bytes32;
import io.levity.core.crypto.Secp256k1;
import io.levity.node.keys.DevAccounts;
import io.levity.sdk.tx.Wallet;
import io.levity.storage.client.ProgressListener;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's audit loop on a real chain and storage network: a job of three segments is published
 * through the CLI and every segment re-verifies; a job whose checkpoint carries one flipped weight
 * is caught and the tensor named; the contract refuses every out-of-order or foreign write; a job
 * interrupted mid-way resumes and still verifies; its model loads by root and generates exactly
 * what the same job trained offline generates.
 */
class AiTrainingIT {
  static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(6);
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CORPUS =
      """
      It is a way I have of driving off the spleen and regulating the circulation. Whenever I find
      myself growing grim about the mouth; whenever it is a damp, drizzly November in my soul; then,
      I account it high time to get to sea as soon as I can. This is my substitute for pistol and ball.
      """
          .repeat(8);

  @TempDir static Path dir;
  static ChainWithStorage net;
  static TrainingJobsClient jobs;
  static Path computeFile;
  static Path corpus;
  static JobSpec spec;

  @BeforeAll
  static void start() throws Exception {
    net = new ChainWithStorage(dir, ACCOUNTS, ACCOUNTS.get(0));
    var address =
        TrainingJobsClient.deploy(new Wallet(net.rpc, ACCOUNTS.get(1)), Duration.ofSeconds(60));
    jobs = new TrainingJobsClient(net.rpc, address, Duration.ofSeconds(60));
    computeFile = dir.resolve("compute.json");
    new ComputeNetwork(1337, net.chain.rpcUrl(), address, net.storage.networkFile())
        .write(computeFile);
    corpus = dir.resolve("corpus.txt");
    Files.writeString(corpus, CORPUS);
    spec = TrainingPresets.of("test", CORPUS);
  }

  @AfterAll
  static void stop() {
    if (net != null) net.close();
  }

  static LevityRun ai(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "ai";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--compute";
    all[args.length + 2] = computeFile.toString();
    return LevityRun.run(all);
  }

  static String key(int account) {
    return ACCOUNTS.get(account).privateKey().toHex();
  }

  static JsonNode json(LevityRun r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void aPublishedJobVerifiesAndItsModelLoadsByRoot() throws Exception {
    JsonNode published =
        json(
            ai(
                "train",
                "--preset",
                "test",
                "--corpus",
                corpus.toString(),
                "--publish",
                "--key",
                key(2),
                "--json",
                "--work-dir",
                dir.resolve("w1").toString()));
    String job = published.path("job").asText();
    for (int segment = 0; segment < 3; segment++) {
      LevityRun v =
          ai("verify-training", job, "--segment", "" + segment, "--threads", "" + (1 + segment));
      assertThat(v.exit()).as(v.err()).isZero();
      assertThat(v.out()).contains("MATCH");
    }
    JsonNode record = json(ai("job", job, "--json"));
    assertThat(record.path("checkpoints")).hasSize(4);
    assertThat(record.path("runtime").asText()).isEqualTo(spec.runtimeId().toHex());

    // the same job trained offline gives the same model file, so the same generation
    JsonNode local =
        json(
            ai(
                "train",
                "--preset",
                "test",
                "--corpus",
                corpus.toString(),
                "--out",
                dir.resolve("offline").toString(),
                "--json",
                "--scalar"));
    String root = published.path("modelRoot").asText();
    JsonNode byRoot =
        json(
            ai(
                "generate",
                "--model",
                root,
                "whenever",
                "--max-tokens",
                "16",
                "--json",
                "--work-dir",
                dir.resolve("w2").toString()));
    JsonNode byFile =
        json(
            ai(
                "generate",
                "--model",
                local.path("model").asText(),
                "whenever",
                "--max-tokens",
                "16",
                "--json",
                "--scalar",
                "--threads",
                "1"));
    assertThat(byRoot.path("text")).isEqualTo(byFile.path("text"));
    assertThat(byRoot.path("logitsHash")).isEqualTo(byFile.path("logitsHash"));
  }

  @Test
  void aFlippedWeightIsCaughtAndNamed() throws Exception {
    Path offline = dir.resolve("honest");
    json(
        ai(
            "train",
            "--preset",
            "test",
            "--corpus",
            corpus.toString(),
            "--out",
            offline.toString(),
            "--json"));
    StorageContentStore store = new StorageContentStore(net.storageClient);
    byte[] cp2 = Files.readAllBytes(offline.resolve("checkpoint-2.safetensors"));
    long headerEnd = 8 + ByteBuffer.wrap(cp2, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    cp2[(int) headerEnd + 4 * 123 + 2] ^= 0x04; // one bit of one weight
    Path tampered = dir.resolve("tampered-2.safetensors");
    Files.write(tampered, cp2);
    Wallet owner = new Wallet(net.rpc, ACCOUNTS.get(3));
    Path specFile = dir.resolve("spec.json");
    spec.write(specFile);
    JobRecord proposed =
        new JobRecord(
            BigInteger.ZERO,
            owner.address(),
            spec.segmentSteps(),
            spec.segments(),
            0,
            spec.train().seed(),
            store.put(corpus, ProgressListener.NONE),
            Bytes32.ZERO,
            store.put(specFile, ProgressListener.NONE),
            spec.runtimeId());
    BigInteger id =
        jobs.create(
            owner,
            proposed,
            store.put(offline.resolve("checkpoint-0.safetensors"), ProgressListener.NONE));
    jobs.commit(
        owner,
        id,
        1,
        store.put(offline.resolve("checkpoint-1.safetensors"), ProgressListener.NONE));
    jobs.commit(owner, id, 2, store.put(tampered, ProgressListener.NONE));
    jobs.commit(
        owner,
        id,
        3,
        store.put(offline.resolve("checkpoint-3.safetensors"), ProgressListener.NONE));

    assertThat(ai("verify-training", id.toString(), "--segment", "0").out()).contains("MATCH");
    LevityRun caught = ai("verify-training", id.toString(), "--segment", "1");
    assertThat(caught.exit()).isEqualTo(2);
    assertThat(caught.out()).contains("MISMATCH: checkpoint 2: tensor '").contains("element 123");
    assertThat(ai("verify-training", id.toString(), "--segment", "2").exit()).isEqualTo(2);
    LevityRun beyond = ai("verify-training", id.toString(), "--segment", "3");
    assertThat(beyond.exit()).isEqualTo(1);
    assertThat(beyond.err()).contains("segment 3 cannot be checked");

    // the contract's rules, each with its custom error
    Wallet other = new Wallet(net.rpc, ACCOUNTS.get(4));
    Bytes32 some = Bytes32.fromHex32("0x" + "11".repeat(32));
    assertThatThrownBy(() -> jobs.commit(owner, id, 4, some)).hasMessageContaining("JobComplete");
    BigInteger open = jobs.create(owner, proposed, some);
    assertThatThrownBy(() -> jobs.commit(other, open, 1, some))
        .hasMessageContaining("NotJobOwner(" + open);
    assertThatThrownBy(() -> jobs.commit(owner, open, 2, some))
        .hasMessageContaining("WrongCheckpointIndex(1, 2)");
    assertThatThrownBy(() -> jobs.commit(owner, open, 1, Bytes32.ZERO))
        .hasMessageContaining("ZeroRoot");
    assertThatThrownBy(() -> jobs.job(BigInteger.valueOf(999))).hasMessageContaining("UnknownJob");
    JobRecord badSchedule =
        new JobRecord(BigInteger.ZERO, owner.address(), 0, 3, 0, 1, some, Bytes32.ZERO, some, some);
    assertThatThrownBy(() -> jobs.create(owner, badSchedule, some))
        .isInstanceOf(TrainingJobException.class)
        .hasMessageContaining("BadSchedule(0, 3)");
    assertThatThrownBy(() -> jobs.create(owner, proposed, Bytes32.ZERO))
        .hasMessageContaining("ZeroRoot");
  }

  @Test
  void anInterruptedJobResumesAndVerifies() throws Exception {
    Wallet owner = new Wallet(net.rpc, ACCOUNTS.get(5));
    BigInteger[] started = new BigInteger[1];
    try (Kernels k = Kernels.best(2)) {
      TrainingJobRunner runner =
          new TrainingJobRunner(
              new StorageContentStore(net.storageClient), jobs, owner, dir.resolve("crash"), k);
      JobListener crashAfterCheckpoint1 =
          new JobListener() {
            @Override
            public void phase(String what) {
              if (what.equals("segment 2 of 3")) throw new IllegalStateException("power cut");
            }
          };
      assertThatThrownBy(() -> runner.start(spec, corpus, Optional.empty(), crashAfterCheckpoint1))
          .hasMessageContaining("power cut");
      started[0] = jobs.jobCount();
      assertThat(jobs.job(started[0]).committed()).isEqualTo(2);
    }
    String id = started[0].toString();
    JsonNode resumed = json(ai("train", "--resume", id, "--key", key(5), "--json"));
    assertThat(resumed.path("job").asText()).isEqualTo(id);
    assertThat(jobs.job(started[0]).complete()).isTrue();
    assertThat(ai("verify-training", id, "--segment", "2").out()).contains("MATCH");
    LevityRun foreign = ai("train", "--resume", id, "--key", key(4));
    assertThat(foreign.exit()).isEqualTo(1);
    assertThat(foreign.err()).contains("belongs to");
  }
}

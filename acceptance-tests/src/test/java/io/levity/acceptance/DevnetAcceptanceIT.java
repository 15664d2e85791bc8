package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

/**
 * Black-box acceptance test: {@code levity devnet} runs as a separate process (the built CLI jar)
 * and is driven by real clients, ethers.js v6 + solc under node ({@code js/acceptance.mjs}) and
 * web3j in this JVM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevnetAcceptanceIT {

  /**
   * Dev account 0 of the {@code test test ... junk} mnemonic (public key material; devnet only).
   */
  private static final String KEY_0 =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private static final String ADDRESS_0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

  /**
   * Dev account 1: used by the ethers script, so account 0 still holds exactly 10000 ETH for the
   * web3j test.
   */
  private static final String KEY_1 =
      "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

  private static final String ADDRESS_1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final long CHAIN_ID = 1337;
  private static final BigInteger TEN_THOUSAND_ETH =
      Convert.toWei("10000", Convert.Unit.ETHER).toBigIntegerExact();

  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration NPM_TIMEOUT = Duration.ofSeconds(180);

  @TempDir static Path work;

  private static DevnetProcess devnet;
  private static Web3j web3j;

  /** The Counter contract the ethers script deployed, if it ran. */
  private static String counterAddress;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet =
        DevnetProcess.start(
            Path.of(System.getProperty("levity.cli.jar", "../cli/target/levity-cli.jar"))
                .toAbsolutePath()
                .normalize(),
            work);
    web3j = Web3j.build(new HttpService(devnet.httpUrl()));
  }

  @AfterAll
  static void stopDevnet() throws Exception {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (devnet != null) {
      devnet.close();
      assertThat(devnet.isAlive()).as("devnet process stopped").isFalse();
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // includes a first npm install
  void ethersAndSolcDeployCallTransactAndSeeRevertReasons() throws Exception {
    Path js =
        Path.of(System.getProperty("levity.acceptance.js", "js")).toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        commandWorks("node", "--version"),
        "node is not installed: skipping the ethers.js + solc acceptance test");
    if (!Files.isDirectory(js.resolve("node_modules/ethers"))
        || !Files.isDirectory(js.resolve("node_modules/solc"))) {
      Assumptions.assumeTrue(
          commandWorks("npm", "--version"),
          "npm is not installed and "
              + js.resolve("node_modules")
              + " is missing: skipping the ethers.js test");
      Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund"), js, NPM_TIMEOUT);
      assertThat(npm.exit).as("npm install in %s:\n%s%s", js, npm.stdout, npm.stderr).isZero();
    }

    Result script =
        run(List.of("node", "acceptance.mjs", devnet.httpUrl(), KEY_1), js, NODE_TIMEOUT);
    if (script.exit != 0) {
      fail(
          "node acceptance.mjs exited with "
              + script.exit
              + "\nstderr:\n"
              + script.stderr
              + "\nstdout:\n"
              + script.stdout
              + "\ndevnet log tail:\n"
              + devnet.logTail());
    }
    String lastLine = script.stdout.strip().lines().reduce((a, b) -> b).orElse("");
    JsonNode r = new ObjectMapper().readTree(lastLine);

    assertThat(r.path("solcVersion").asText()).startsWith("0.8.30");
    assertThat(r.path("chainId").asText()).isEqualTo(Long.toString(CHAIN_ID));
    assertThat(r.path("from").asText()).isEqualToIgnoringCase(ADDRESS_1);

    // Deployment.
    String contract = r.path("contractAddress").asText();
    assertThat(contract).matches("0x[0-9a-fA-F]{40}");
    assertThat(r.path("deploy").path("status").asInt()).isEqualTo(1);
    assertThat(r.path("deploy").path("contractAddress").asText()).isEqualToIgnoringCase(contract);
    assertThat(r.path("codeLength").asInt()).isPositive();
    counterAddress = contract;

    // Call, send, receipt.
    assertThat(r.path("countBefore").asText()).isEqualTo("0");
    assertThat(r.path("countAfter").asText()).isEqualTo("5");
    JsonNode inc = r.path("increment");
    assertThat(inc.path("status").asInt()).isEqualTo(1);
    assertThat(inc.path("blockNumber").asLong())
        .isGreaterThanOrEqualTo(r.path("deploy").path("blockNumber").asLong());
    assertThat(new BigInteger(inc.path("gasUsed").asText()))
        .isGreaterThan(BigInteger.valueOf(21_000));

    // The event from the receipt and from queryFilter (eth_getLogs).
    assertThat(inc.path("receiptEvents")).hasSize(1);
    JsonNode ev = inc.path("receiptEvents").get(0);
    assertThat(ev.path("name").asText()).isEqualTo("Incremented");
    assertThat(ev.path("by").asText()).isEqualToIgnoringCase(ADDRESS_1);
    assertThat(ev.path("step").asText()).isEqualTo("5");
    assertThat(ev.path("newCount").asText()).isEqualTo("5");
    assertThat(r.path("queryFilter")).hasSize(1);
    JsonNode q = r.path("queryFilter").get(0);
    assertThat(q.path("name").asText()).isEqualTo("Incremented");
    assertThat(q.path("by").asText()).isEqualToIgnoringCase(ADDRESS_1);
    assertThat(q.path("newCount").asText()).isEqualTo("5");
    assertThat(q.path("transactionHash").asText()).isEqualTo(inc.path("txHash").asText());
    assertThat(q.path("blockNumber").asLong()).isEqualTo(inc.path("blockNumber").asLong());

    // Revert reasons surface in ethers' errors, for eth_call and for a send (eth_estimateGas).
    String reason = r.path("revertReason").asText();
    assertThat(reason).isEqualTo("Counter: step must be positive");
    for (String kind : List.of("staticCallRevert", "sendRevert")) {
      JsonNode err = r.path(kind);
      assertThat(err.path("threw").asBoolean()).as(kind + " threw").isTrue();
      assertThat(err.path("code").asText()).as(kind + " code").isEqualTo("CALL_EXCEPTION");
      assertThat(err.path("reason").asText()).as(kind + " reason").isEqualTo(reason);
      assertThat(err.path("shortMessage").asText()).as(kind + " shortMessage").contains(reason);
    }
    assertThat(r.path("countFinal").asText()).as("a reverted call changes nothing").isEqualTo("5");
  }

  @Test
  @Order(2)
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void web3jReadsSignsAnEip1559TransferAndParsesBlocksAndLogs() throws Exception {
    assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(CHAIN_ID));
    Credentials credentials = Credentials.create(KEY_0);
    assertThat(credentials.getAddress()).isEqualTo(ADDRESS_0);
    BigInteger balance0 =
        web3j.ethGetBalance(ADDRESS_0, DefaultBlockParameterName.LATEST).send().getBalance();
    assertThat(balance0).isEqualTo(TEN_THOUSAND_ETH);

    // A fresh recipient, so its balance afterwards is exactly the value sent.
    String recipient = "0x" + Hash.sha3String("levity acceptance recipient").substring(26);
    assertThat(web3j.ethGetBalance(recipient, DefaultBlockParameterName.LATEST).send().getBalance())
        .isZero();

    BigInteger nonce =
        web3j
            .ethGetTransactionCount(ADDRESS_0, DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
    EthBlock.Block head =
        web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    BigInteger maxFee = head.getBaseFeePerGas().multiply(BigInteger.TWO).add(tip);
    BigInteger value = Convert.toWei("1.5", Convert.Unit.ETHER).toBigIntegerExact();
    RawTransaction tx =
        RawTransaction.createEtherTransaction(
            CHAIN_ID, nonce, BigInteger.valueOf(21_000), recipient, value, tip, maxFee);
    byte[] signed = TransactionEncoder.signMessage(tx, CHAIN_ID, credentials);
    EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    assertThat(sent.hasError())
        .as(
            "eth_sendRawTransaction error: %s",
            sent.getError() == null ? "" : sent.getError().getMessage())
        .isFalse();
    String txHash = sent.getTransactionHash();
    assertThat(txHash).isEqualTo(Hash.sha3(Numeric.toHexString(signed)));

    TransactionReceipt receipt = awaitReceipt(txHash);
    assertThat(receipt.isStatusOK()).isTrue();
    assertThat(receipt.getType()).isEqualTo("0x2");
    assertThat(receipt.getFrom()).isEqualToIgnoringCase(ADDRESS_0);
    assertThat(receipt.getTo()).isEqualToIgnoringCase(recipient);
    assertThat(receipt.getGasUsed()).isEqualTo(BigInteger.valueOf(21_000));
    DefaultBlockParameter mined = DefaultBlockParameter.valueOf(receipt.getBlockNumber());
    assertThat(web3j.ethGetBalance(recipient, mined).send().getBalance()).isEqualTo(value);
    BigInteger fee =
        receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
    assertThat(web3j.ethGetBalance(ADDRESS_0, mined).send().getBalance())
        .isEqualTo(TEN_THOUSAND_ETH.subtract(value).subtract(fee));
    assertThat(web3j.ethGetTransactionCount(ADDRESS_0, mined).send().getTransactionCount())
        .isEqualTo(nonce.add(BigInteger.ONE));

    // eth_getBlockByNumber with full transactions parses into web3j's model.
    EthBlock.Block block = web3j.ethGetBlockByNumber(mined, true).send().getBlock();
    assertThat(block).isNotNull();
    assertThat(block.getNumber()).isEqualTo(receipt.getBlockNumber());
    assertThat(block.getHash()).isEqualTo(receipt.getBlockHash());
    assertThat(block.getBaseFeePerGas()).isNotNull();
    List<String> hashes = new ArrayList<>();
    for (EthBlock.TransactionResult<?> t : block.getTransactions()) {
      EthBlock.TransactionObject object = (EthBlock.TransactionObject) t.get();
      hashes.add(object.getHash());
      if (object.getHash().equals(txHash)) {
        assertThat(object.getFrom()).isEqualToIgnoringCase(ADDRESS_0);
        assertThat(object.getValue()).isEqualTo(value);
        assertThat(object.getType()).isEqualTo("0x2");
        assertThat(object.getMaxFeePerGas()).isEqualTo(maxFee);
      }
    }
    assertThat(hashes).contains(txHash);

    // eth_getLogs parses; with the ethers test's contract, its Incremented event is found.
    EthFilter all =
        new EthFilter(
            DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, List.of());
    EthLog allLogs = web3j.ethGetLogs(all).send();
    assertThat(allLogs.hasError()).as("eth_getLogs error").isFalse();
    assertThat(allLogs.getLogs()).isNotNull();
    if (counterAddress != null) {
      EthFilter byContract =
          new EthFilter(
              DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, counterAddress);
      byContract.addSingleTopic(Hash.sha3String("Incremented(address,uint256,uint256)"));
      EthLog logs = web3j.ethGetLogs(byContract).send();
      assertThat(logs.hasError()).isFalse();
      assertThat(logs.getLogs()).hasSize(1);
      Log log = (Log) logs.getLogs().get(0).get();
      assertThat(log.getAddress()).isEqualToIgnoringCase(counterAddress);
      assertThat(log.getTopics()).hasSize(2);
      assertThat(log.getTopics().get(1))
          .isEqualToIgnoringCase(
              Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(ADDRESS_1), 64));
      assertThat(log.isRemoved()).isFalse();
      assertThat(allLogs.getLogs()).hasSizeGreaterThanOrEqualTo(1);
    }
  }

  @Test
  @Order(3)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void storageUploadDownloadAndStatusAgainstTheDevnetsStorageNodes() throws Exception {
    // levity devnet starts 9 storage nodes on its own chain and writes their network file once all
    // registered.
    Path network = work.resolve("devnet-data").resolve("storage.json");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.exists(network)) {
      if (System.nanoTime() > deadline)
        fail("no storage network file after 90 s; devnet log:\n" + devnet.logTail());
      Thread.sleep(200);
    }
    byte[] data = new byte[1_500_000];
    new java.util.Random(42).nextBytes(data);
    Path model = work.resolve("model.bin");
    Files.write(model, data);
    String cli =
        Path.of(System.getProperty("levity.cli.jar", "../cli/target/levity-cli.jar"))
            .toAbsolutePath()
            .normalize()
            .toString();
    List<String> java =
        List.of(
            DevnetProcess.javaBinary(),
            "--enable-native-access=ALL-UNNAMED",
            "--add-modules",
            "jdk.incubator.vector",
            "-jar",
            cli,
            "storage");

    Result up =
        run(
            concat(java, "upload", "--network", network.toString(), model.toString()),
            work,
            NODE_TIMEOUT);
    assertThat(up.exit).as("upload:\n%s%s", up.stdout, up.stderr).isZero();
    String root = up.stdout.strip().lines().reduce((a, b) -> b).orElse("");
    assertThat(root).matches("0x[0-9a-f]{64}");

    Path out = work.resolve("model.out");
    Result down =
        run(
            concat(java, "download", "--network", network.toString(), root, out.toString()),
            work,
            NODE_TIMEOUT);
    assertThat(down.exit).as("download:\n%s%s", down.stdout, down.stderr).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(data);

    Result status =
        run(concat(java, "status", "--network", network.toString(), root), work, NODE_TIMEOUT);
    assertThat(status.exit).as("status:\n%s%s", status.stdout, status.stderr).isZero();
    assertThat(status.stdout).contains("9 present, 0 missing, 0 corrupt");

    // The submission is a record on the chain itself: the registry's code holds it (eth_getCode is
    // non-empty).
    String code =
        devnet.rpc("eth_getCode", "[\"0x000000000000000000000000000000000000a11c\",\"latest\"]");
    assertThat(code).contains("\"result\":\"0x6");
  }

  private static List<String> concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }

  private static TransactionReceipt awaitReceipt(String txHash) throws Exception {
    long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      EthGetTransactionReceipt answer = web3j.ethGetTransactionReceipt(txHash).send();
      assertThat(answer.hasError()).as("eth_getTransactionReceipt error").isFalse();
      Optional<TransactionReceipt> receipt = answer.getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt.get();
      }
      assertTrue(devnet.isAlive(), () -> "devnet died:\n" + devnet.logTail());
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError(
        "no receipt for " + txHash + " within " + RECEIPT_TIMEOUT + "\n" + devnet.logTail());
  }

  private record Result(int exit, String stdout, String stderr) {}

  /** Runs a command with its output in files (no pipe can fill up) and a timeout. */
  private static Result run(List<String> command, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          String.join(" ", command)
              + " did not finish within "
              + timeout
              + "\nstderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8)
              + "\ndevnet log tail:\n"
              + devnet.logTail());
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static boolean commandWorks(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

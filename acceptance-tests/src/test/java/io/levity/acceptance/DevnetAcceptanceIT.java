package io.levity.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.levity.cli.process.CommandResult;
import io.levity.testing.Await;
import io.levity.testing.RpcCalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
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
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
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

  @TempDir static Path work;

  private static DevnetProcess devnet;
  private static Web3j web3j;
  private static JarCommands commands;

  /** The Counter contract the ethers script deployed, if it ran. */
  private static String counterAddress;

  @BeforeAll
  static void startDevnet() throws Exception {
    devnet = DevnetProcess.start(work);
    web3j = Web3j.build(new HttpService(devnet.httpUrl()));
    commands = new JarCommands(work, NODE_TIMEOUT, devnet::logTail);
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
    Path js = NpmPackage.folder("levity.acceptance.js", "js");
    NpmPackage.ready(js, "the ethers.js + solc acceptance test", List.of("ethers", "solc"));

    CommandResult script =
        commands.run(List.of("node", "acceptance.mjs", devnet.httpUrl(), KEY_1), js);
    if (!script.succeeded()) {
      fail(
          "node acceptance.mjs exited with "
              + script.exitCode()
              + "\nstderr:\n"
              + script.stderr()
              + "\nstdout:\n"
              + script.stdout()
              + "\ndevnet log tail:\n"
              + devnet.logTail());
    }
    JsonNode r = RpcCalls.parse(script.lastLine());

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

  private static TransactionReceipt awaitReceipt(String txHash) throws Exception {
    AtomicReference<TransactionReceipt> found = new AtomicReference<>();
    Await.until(
        RECEIPT_TIMEOUT,
        () -> {
          assertTrue(devnet.isAlive(), () -> "devnet died:\n" + devnet.logTail());
          EthGetTransactionReceipt answer = send(web3j.ethGetTransactionReceipt(txHash));
          assertThat(answer.hasError()).as("eth_getTransactionReceipt error").isFalse();
          answer.getTransactionReceipt().ifPresent(found::set);
          return found.get() != null;
        },
        () -> "a receipt for " + txHash + "\n" + devnet.logTail());
    return found.get();
  }

  private static <T extends Response<?>> T send(Request<?, T> request) {
    try {
      return request.send();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

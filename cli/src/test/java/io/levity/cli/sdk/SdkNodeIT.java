package io.levity.cli.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Genesis;
import io.levity.node.keys.DevAccounts;
import io.levity.node.runtime.Devnet;
import io.levity.node.runtime.ValidatorConfig;
import io.levity.node.runtime.ValidatorNode;
import io.levity.sdk.Contract;
import io.levity.sdk.abi.AbiEvent;
import io.levity.sdk.abi.AbiFunction;
import io.levity.sdk.abi.AbiValues;
import io.levity.sdk.abi.RevertReason;
import io.levity.sdk.rpc.BlockTag;
import io.levity.sdk.rpc.EthBlock;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.LogQuery;
import io.levity.sdk.rpc.RpcErrorException;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.NonceManager;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.SignedTx;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against a real in-process Levity node (one validator, JSON-RPC over loopback HTTP):
 * reads, transfers, a contract deployed, called and transacted with, its events, a revert's reason
 * and nonces kept across a client restart. In the CLI's tests because the SDK must not depend on
 * the node.
 */
class SdkNodeIT {
  private static final List<Secp256k1.KeyPair> ACCOUNTS = DevAccounts.dev(3);
  private static final AbiFunction BALANCE_OF =
      AbiFunction.parse("balanceOf(address) returns (uint256)");
  private static final AbiFunction TRANSFER =
      AbiFunction.parse("transfer(address,uint256) returns (bool)");
  private static final AbiFunction SYMBOL = AbiFunction.parse("symbol() returns (string)");
  private static final AbiEvent TRANSFER_EVENT =
      AbiEvent.parse("Transfer(address indexed from, address indexed to, uint256 value)");

  private static ValidatorNode node;
  private static EthRpc rpc;
  private static ReceiptWaiter receipts;

  @BeforeAll
  static void startChain() throws Exception {
    Genesis genesis =
        Devnet.genesis(
            Devnet.CHAIN_ID, ACCOUNTS.stream().map(Secp256k1.KeyPair::address).toList(), 1_000);
    node =
        new ValidatorNode(
            ValidatorConfig.of(0, null, genesis, Devnet.validatorKeys(1), 0, 20, 1_000));
    node.start();
    URI url = URI.create("http://127.0.0.1:" + node.serveRpc(0, 0)[0]);
    rpc = EthRpc.connect(url, Duration.ofSeconds(5));
    receipts = ReceiptWaiter.of(rpc, Duration.ofSeconds(60), Duration.ofMillis(20));
  }

  @AfterAll
  static void stopChain() {
    if (node != null) node.close();
  }

  @Test
  void readsAndATransfer() {
    assertThat(rpc.chainId()).isEqualTo(Devnet.CHAIN_ID);
    Address from = ACCOUNTS.get(0).address();
    Address to = Address.fromHex("0x00000000000000000000000000000000000c0ffe");
    UInt256 before = rpc.getBalance(from, BlockTag.LATEST);
    assertThat(before.toBigInteger()).isGreaterThan(BigInteger.TEN.pow(18));
    TxReceipt r =
        new Wallet(rpc, ACCOUNTS.get(0))
            .sendAndWait(TxRequest.transfer(to, UInt256.valueOf(12_345)), receipts);
    assertThat(r.succeeded()).isTrue();
    assertThat(r.gasUsed()).isEqualTo(21_000);
    assertThat(rpc.getBalance(to, BlockTag.LATEST)).isEqualTo(UInt256.valueOf(12_345));
    EthBlock block = rpc.getBlockByNumber(BlockTag.number(r.blockNumber())).orElseThrow();
    assertThat(block.hash()).isEqualTo(r.blockHash());
    assertThat(block.transactionHashes()).contains(r.transactionHash());
    assertThat(block.baseFeePerGas()).isPresent();
    assertThat(rpc.getBlocksByNumber(r.blockNumber(), r.blockNumber()))
        .containsExactly(Optional.of(block));
    assertThat(rpc.getTransactionCounts(List.of(from, to), BlockTag.LATEST)[1]).isZero();
  }

  @Test
  void aContractDeployedCalledAndTransactedWith() throws Exception {
    Path tokenJson = Path.of("..", "bench", "tps", "BenchToken.json");
    Bytes initcode =
        Bytes.fromHex(new ObjectMapper().readTree(tokenJson.toFile()).path("initcode").asText());
    Wallet owner = new Wallet(rpc, ACCOUNTS.get(1));
    TxReceipt deployed =
        owner.sendAndWait(
            TxRequest.deploy(Bytes.concat(initcode, UInt256.valueOf(1_000_000).toBytes32())),
            receipts);
    Contract token = new Contract(rpc, deployed.contractAddress().orElseThrow());
    assertThat(rpc.getCode(token.address(), BlockTag.LATEST).isEmpty()).isFalse();
    assertThat(token.call(SYMBOL).string(0)).isNotBlank();
    assertThat(token.call(BALANCE_OF, owner.address()).longValue(0)).isEqualTo(1_000_000);

    Address to = ACCOUNTS.get(2).address();
    TxReceipt sent = token.transact(owner, receipts, TRANSFER, to, 250);
    assertThat(token.call(BALANCE_OF, to).longValue(0)).isEqualTo(250);
    AbiValues event = TRANSFER_EVENT.decode(sent.logs().get(0).topics(), sent.logs().get(0).data());
    assertThat(event.address(0)).isEqualTo(owner.address());
    assertThat(event.address(1)).isEqualTo(to);
    assertThat(event.longValue(2)).isEqualTo(250);
    List<AbiValues> logged =
        token.events(
            TRANSFER_EVENT,
            LogQuery.of(token.address(), deployed.blockNumber(), sent.blockNumber())
                .withTopic(2, TRANSFER_EVENT.topicOf(1, to)));
    assertThat(logged).hasSize(1);
    assertThat(logged.get(0).longValue(2)).isEqualTo(250);

    // More than it holds: the estimate reverts with the contract's reason and nothing is sent.
    Wallet poor = new Wallet(rpc, ACCOUNTS.get(2));
    assertThatThrownBy(() -> token.send(poor, TRANSFER, owner.address(), 1_000))
        .isInstanceOfSatisfying(
            RpcErrorException.class,
            e -> {
              assertThat(e.isRevert()).isTrue();
              assertThat(e.revertData().flatMap(RevertReason::of)).contains("balance too low");
            });
  }

  @Test
  void noncesSurviveAClientRestart(@TempDir Path dir) {
    Path state = dir.resolve("nonces");
    Secp256k1.KeyPair key = ACCOUNTS.get(0);
    Address to = Address.fromHex("0x00000000000000000000000000000000000beef1");
    NonceManager.NodeNonces pending = a -> rpc.getTransactionCount(a, BlockTag.PENDING);
    Wallet first =
        new Wallet(
            rpc,
            key,
            NonceManager.persistent(pending, NonceManager.Refresh.ON_FIRST_USE, state),
            Wallet.DEFAULT_GAS_MARGIN_PERCENT);
    SignedTx a = first.send(TxRequest.transfer(to, UInt256.ONE));
    SignedTx b = first.send(TxRequest.transfer(to, UInt256.ONE));
    assertThat(b.nonce()).isEqualTo(a.nonce() + 1);
    Wallet second =
        new Wallet(
            rpc,
            key,
            NonceManager.persistent(pending, NonceManager.Refresh.ON_FIRST_USE, state),
            Wallet.DEFAULT_GAS_MARGIN_PERCENT);
    SignedTx c = second.send(TxRequest.transfer(to, UInt256.ONE));
    assertThat(c.nonce()).isEqualTo(b.nonce() + 1);
    assertThat(receipts.awaitAll(List.of(a.hash(), b.hash(), c.hash())).values())
        .allMatch(TxReceipt::succeeded);
    assertThat(rpc.getBalance(to, BlockTag.LATEST)).isEqualTo(UInt256.valueOf(3));
  }
}

package io.levity.inft;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Secp256k1;
import io.levity.sdk.rpc.EthRpc;
import io.levity.sdk.rpc.TxReceipt;
import io.levity.sdk.tx.ReceiptWaiter;
import io.levity.sdk.tx.TxRequest;
import io.levity.sdk.tx.Wallet;
import java.time.Duration;
import java.util.Objects;

/**
 * Deploys the iNFT contracts on a chain by transactions, as a devnet does: an oracle registry that
 * accepts the software attestation and admits one oracle key, the data verifier, an AgentNFT and a
 * market. AgentNFT and AgentDataVerifier carry immutables, so they cannot be placed as raw genesis
 * code (docs/inft.md); everything goes through constructors here.
 */
public final class InftDeployer {
  /** The market's platform fee on the devnet: 2.5 %. */
  public static final int DEVNET_FEE_BPS = 250;

  /** Where the contracts landed. */
  public record Deployment(
      Address registry,
      Address softwareAttestation,
      Address verifier,
      Address nft,
      Address market) {
    public Deployment {
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(softwareAttestation, "softwareAttestation");
      Objects.requireNonNull(verifier, "verifier");
      Objects.requireNonNull(nft, "nft");
      Objects.requireNonNull(market, "market");
    }
  }

  private final EthRpc rpc;
  private final Wallet admin;
  private final Secp256k1.KeyPair adminKey;
  private final ReceiptWaiter receipts;

  /** Deploys from {@code admin}, which administers the registry and the market and gets the fee. */
  public InftDeployer(EthRpc rpc, Secp256k1.KeyPair admin, Duration receiptTimeout) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.adminKey = Objects.requireNonNull(admin, "admin");
    this.admin = new Wallet(rpc, admin);
    this.receipts = ReceiptWaiter.of(rpc, receiptTimeout, Duration.ofMillis(50));
  }

  /**
   * Deploys the five contracts and admits {@code oracle} (its software attestation signed by its
   * own key). Throws {@link InftDeployException} naming the step that failed.
   */
  public Deployment deploy(Secp256k1.KeyPair oracle) {
    Address a = adminKey.address();
    Address registry =
        create(
            "OracleRegistry",
            InftContract.ORACLE_REGISTRY.deployment(
                InftAbi.constructorArguments(InftAbi.REGISTRY_CONSTRUCTOR, a)));
    Address software =
        create("SoftwareAttestation", InftContract.SOFTWARE_ATTESTATION.creationCode());
    Address verifier =
        create(
            "AgentDataVerifier",
            InftContract.DATA_VERIFIER.deployment(
                InftAbi.constructorArguments(InftAbi.VERIFIER_CONSTRUCTOR, registry)));
    Address nft =
        create(
            "AgentNFT",
            InftContract.AGENT_NFT.deployment(
                InftAbi.constructorArguments(
                    InftAbi.NFT_CONSTRUCTOR, "Levity Agents", "AGENT", verifier)));
    Address market =
        create(
            "AgentMarket",
            InftContract.AGENT_MARKET.deployment(
                InftAbi.constructorArguments(InftAbi.MARKET_CONSTRUCTOR, a, DEVNET_FEE_BPS, a)));
    send(
        "accept the software attestation",
        registry,
        InftAbi.SET_CHECKER_ACCEPTED.encodeCall(software, true));
    long chainId = admin.chainId();
    Bytes evidence =
        InftTypedData.sign(
            oracle, InftTypedData.softwareAttestationHash(chainId, registry, oracle.address()));
    send(
        "register oracle " + oracle.address(),
        registry,
        InftAbi.REGISTER_ORACLE.encodeCall(oracle.address(), software, evidence));
    return new Deployment(registry, software, verifier, nft, market);
  }

  private Address create(String what, Bytes initcode) {
    TxReceipt r = mined("deploy " + what, TxRequest.deploy(initcode));
    return r.contractAddress()
        .orElseThrow(
            () -> new InftDeployException("deploy " + what + ": the receipt names no contract"));
  }

  private void send(String what, Address to, Bytes data) {
    mined(what, TxRequest.call(to, data));
  }

  private TxReceipt mined(String what, TxRequest tx) {
    try {
      return admin.sendAndWait(tx, receipts);
    } catch (RuntimeException e) {
      throw new InftDeployException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** A deployment step that failed. */
  public static final class InftDeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InftDeployException(String message) {
      super(message);
    }

    InftDeployException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The chain the deployer talks to. */
  public EthRpc rpc() {
    return rpc;
  }
}

package io.levity.inft;

import io.levity.core.bytes.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The iNFT contracts compiled by inft/contracts/compile.js: their runtime code and their creation
 * code (for a deployment, followed by the ABI-encoded constructor arguments from {@link InftAbi}).
 */
public enum InftContract {
  AGENT_NFT("AgentNFT"),
  DATA_VERIFIER("AgentDataVerifier"),
  ORACLE_REGISTRY("OracleRegistry"),
  SOFTWARE_ATTESTATION("SoftwareAttestation"),
  AGENT_MARKET("AgentMarket");

  private final String contractName;

  InftContract(String contractName) {
    this.contractName = contractName;
  }

  /** The Solidity contract's name, also the prefix of its resources. */
  public String contractName() {
    return contractName;
  }

  /**
   * The runtime code solc emitted. AgentNFT's and AgentDataVerifier's carry immutables (the
   * verifier, the registry) that their constructors fill in and that are zero here: deploy those
   * two with {@link #deployment}, not as raw genesis code.
   */
  public Bytes runtimeCode() {
    return hexResource(contractName + ".runtime.hex");
  }

  /** The creation code without constructor arguments. */
  public Bytes creationCode() {
    return hexResource(contractName + ".creation.hex");
  }

  /** The creation code followed by the ABI-encoded constructor arguments. */
  public Bytes deployment(Bytes constructorArguments) {
    return Bytes.concat(creationCode(), constructorArguments);
  }

  private static Bytes hexResource(String name) {
    try (InputStream in = InftContract.class.getResourceAsStream(name)) {
      if (in == null)
        throw new IllegalStateException(
            "resource " + name + " missing; run node inft/contracts/compile.js");
      return Bytes.fromHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.levity.cli.node;

import io.levity.core.crypto.Keccak;
import io.levity.core.crypto.Secp256k1;
import java.nio.charset.StandardCharsets;

/**
 * The devnet's inference-market user: {@code levity devnet} funds its sub-account with each of the
 * devnet's providers, and the {@code levity compute} user commands fall back on it when no key is
 * given and the network file is a devnet's. It is not dev account 0 on purpose: the devnet never
 * sends from the accounts that tools such as Hardhat and ethers use, so it never races them for a
 * nonce. Derived from a public label: devnet only.
 */
public final class DevnetUser {
  public static final Secp256k1.KeyPair KEY =
      Secp256k1.KeyPair.fromPrivate(
          Keccak.hash("levity-devnet-compute-user".getBytes(StandardCharsets.UTF_8)));

  /**
   * The devnet's DA user: pays for the certificates of {@code levity da submit} when no key is
   * given and the DA network file is a devnet's. Its own key, so DA and compute commands run side
   * by side never race for one account's nonces. Derived from a public label: devnet only.
   */
  public static final Secp256k1.KeyPair DA_KEY =
      Secp256k1.KeyPair.fromPrivate(
          Keccak.hash("levity-devnet-da-user".getBytes(StandardCharsets.UTF_8)));

  private DevnetUser() {}
}

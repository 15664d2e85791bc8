package io.levity.node.runtime;

import io.levity.core.bytes.Address;
import io.levity.core.bytes.Bytes;
import io.levity.core.crypto.Ed25519;
import io.levity.core.crypto.Keccak;
import io.levity.core.num.UInt256;
import io.levity.execution.block.Genesis;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixed parameters of a local development chain: genesis allocation and well-known validator
 * keys.
 */
public final class Devnet {
  public static final long CHAIN_ID = 1337;

  /** The block gas limit of {@link #genesis(long, List, long)}: Ethereum mainnet's 30M. */
  public static final long GAS_LIMIT = 30_000_000;

  /**
   * The block gas limit {@code levity devnet} and {@code levity init} start with: 150M. At 30M an
   * ERC-20 block held 526 transfers and the devnet's throughput was capped by the limit, not by the
   * machine (docs/bench.md).
   */
  public static final long DEVNET_GAS_LIMIT = 150_000_000;

  public static final UInt256 ONE_ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));
  public static final UInt256 GENESIS_BASE_FEE = UInt256.valueOf(1_000_000_000L);

  private Devnet() {}

  /** Block 0 of chain {@code chainId} giving each account {@code ether} ether. */
  public static Genesis genesis(long chainId, List<Address> accounts, long ether) {
    return genesis(chainId, accounts, ether, GAS_LIMIT);
  }

  /** As {@link #genesis(long, List, long)} with another block gas limit. */
  public static Genesis genesis(long chainId, List<Address> accounts, long ether, long gasLimit) {
    Map<Address, Genesis.Account> alloc = new LinkedHashMap<>();
    UInt256 balance = UInt256.valueOf(BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(ether)));
    for (Address a : accounts) alloc.put(a, Genesis.Account.ofBalance(balance));
    return new Genesis(chainId, gasLimit, 0, GENESIS_BASE_FEE, Bytes.EMPTY, alloc);
  }

  /**
   * {@code genesis} with {@code code} placed at {@code address} (nonce 1, no balance): a contract
   * that exists from block 0, such as the storage registry.
   */
  public static Genesis withContract(Genesis genesis, Address address, Bytes code) {
    return withContract(genesis, address, code, Map.of());
  }

  /** As {@link #withContract(Genesis, Address, Bytes)}, with {@code storage} in its slots. */
  public static Genesis withContract(
      Genesis genesis, Address address, Bytes code, Map<UInt256, UInt256> storage) {
    Map<Address, Genesis.Account> alloc = new LinkedHashMap<>(genesis.alloc());
    if (alloc.containsKey(address))
      throw new IllegalArgumentException("the genesis already allocates " + address);
    alloc.put(address, new Genesis.Account(UInt256.ZERO, code, 1, storage));
    return new Genesis(
        genesis.chainId(),
        genesis.gasLimit(),
        genesis.timestamp(),
        genesis.baseFee(),
        genesis.extraData(),
        alloc);
  }

  /**
   * Validator keys derived from public labels: deterministic so a restarted devnet finds the same
   * validator set. For development only; anyone can recompute them.
   */
  public static List<Ed25519.KeyPair> validatorKeys(int count) {
    List<Ed25519.KeyPair> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(
          Ed25519.KeyPair.fromSeed(
              Keccak.hash(("levity-devnet-validator-" + i).getBytes(StandardCharsets.UTF_8))
                  .toArray()));
    }
    return keys;
  }
}

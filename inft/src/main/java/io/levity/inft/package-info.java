/**
 * Intelligent NFTs (ERC-7857): the compiled contracts (sources in inft/contracts, built by
 * compile.js into this package's resources) and the Java side of their interfaces: {@link
 * io.levity.inft.InftContract} loads the code, {@link io.levity.inft.InftTypedData} computes the
 * EIP-712 digests the oracle, receivers and traders sign, {@link io.levity.inft.InftAbi} encodes
 * the calls and {@link io.levity.inft.InftErrors} names the contracts' custom errors. See
 * docs/inft.md.
 */
package io.levity.inft;

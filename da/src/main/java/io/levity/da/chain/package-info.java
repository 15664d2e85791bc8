/**
 * The DataAvailability contract and its Java side: DA node registration with stake and a BLS key
 * proven by possession, epochs and their quorums, the certificate check ({@code checkDACert}, a
 * stake threshold and one pairing check) and certified blobs. {@link io.levity.da.chain.DaChain} is
 * the port the node and client use.
 */
package io.levity.da.chain;

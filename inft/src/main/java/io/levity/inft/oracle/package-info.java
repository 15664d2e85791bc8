/**
 * The re-encryption oracle: {@link io.levity.inft.oracle.ReEncryptionOracle} (transport-free, over
 * ports for the chain, the storage network and a durable keystore), its HTTP server on Netty and
 * its JDK HttpClient client. Protocol in docs/inft.md, "The re-encryption oracle".
 */
package io.levity.inft.oracle;

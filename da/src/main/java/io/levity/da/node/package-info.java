/**
 * The DA node: {@code DaNodeService} (transport-free) checks that the cells sent to it are its
 * share under the epoch's assignment and that every proof holds, stores them durably for the
 * retention window, signs the blob's message with its BLS key, and serves cells with their proofs;
 * a Netty adapter exposes it over HTTP and {@link io.levity.da.node.DaNodeTransport} is the
 * client's side.
 */
package io.levity.da.node;

/**
 * One node at run time: {@link io.levity.node.runtime.ValidatorNode} wires the chain, mempool, p2p,
 * RPC and, for a validator, the consensus engine, and owns their lifecycle; the consensus driver,
 * payload pacer, block importer and block sync do the work on one scheduler, so that tests can run
 * whole nodes in virtual time. See docs/node.md.
 */
package io.levity.node.runtime;

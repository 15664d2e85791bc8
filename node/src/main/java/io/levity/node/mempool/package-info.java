/**
 * Transactions waiting for a block: admission against the committed state, fee priority,
 * replacement and eviction, and selection for the next payload.
 */
package io.levity.node.mempool;

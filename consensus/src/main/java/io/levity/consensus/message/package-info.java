/**
 * The messages validators exchange (proposals, votes, timeouts, block requests and responses) and
 * their strict, bounded wire codec.
 */
package io.levity.consensus.message;

/**
 * The quorum of an epoch (the DA nodes active in it, their stake, keys and endpoints, the epoch's
 * seed) and the deterministic, stake-weighted rule that gives every cell of a blob to one of them.
 */
package io.levity.da.quorum;

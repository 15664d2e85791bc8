/**
 * The DA client: disperse a blob to the epoch's quorum and certify it on chain, follow its status,
 * retrieve it from any half of its cells verifying every proof, sample it, and check its
 * certificate.
 */
package io.levity.da.client;

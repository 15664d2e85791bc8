/**
 * The values of the protocol: blocks, certificates, the validator set and its leader schedule, the
 * bytes every signature covers, and their canonical encoding.
 */
package io.levity.consensus.types;

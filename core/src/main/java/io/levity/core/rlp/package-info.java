/**
 * Strict Recursive Length Prefix encoding: non-canonical lengths, single bytes under a header,
 * leading zeros and trailing bytes are all rejected with the offset, so a decoded value re-encodes
 * to the same bytes.
 */
package io.levity.core.rlp;

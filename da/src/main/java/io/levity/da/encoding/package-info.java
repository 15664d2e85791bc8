/**
 * Blob encoding: a blob is cut into pieces of 4096 field elements (31 payload bytes each, the top
 * byte zero so every element is below the BLS12-381 modulus); each piece gets a KZG commitment and
 * is extended 2x into 128 cells of 64 elements, each with a KZG proof (EIP-7594). Any 64 cells of a
 * piece recover it. The blob's id is the Keccak-256 of its header (length and every commitment).
 */
package io.levity.da.encoding;

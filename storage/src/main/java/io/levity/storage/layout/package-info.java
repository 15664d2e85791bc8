/**
 * File layout for the storage network: sectors, segments, the Keccak-256 file root and sector
 * proofs.
 */
package io.levity.storage.layout;

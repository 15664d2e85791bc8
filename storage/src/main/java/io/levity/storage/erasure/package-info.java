/** Systematic Reed-Solomon erasure coding over GF(2^8) for the storage network. */
package io.levity.storage.erasure;

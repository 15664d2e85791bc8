/**
 * Data availability: {@code encoding} (blobs into KZG-committed pieces and cells), {@code quorum}
 * (the epoch's DA nodes and which cells each holds), {@code chain} (the DataAvailability contract),
 * {@code node} (the DA node: verify, store, sign, serve) and {@code client} (disperse, follow,
 * retrieve, sample, verify).
 */
package io.levity.da;

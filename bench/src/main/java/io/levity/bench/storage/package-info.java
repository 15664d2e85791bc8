/** JMH benchmarks of the storage network's kernels (Reed-Solomon encode and decode). */
package io.levity.bench.storage;

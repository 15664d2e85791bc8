/**
 * JMH micro-benchmarks of the hot paths (hashing, signature recovery, the trie, the bn254
 * precompiles, BLS signatures, the DA encoding). Timings belong here, not in unit tests; build the
 * jar with {@code mvn -pl bench package} and run {@code java -jar
 * bench/target/levity-benchmarks.jar NAME}.
 */
package io.levity.bench;

package io.levity.cli.bench.imports;

import java.util.function.LongSupplier;

/**
 * The clocks a run reads, injected so that nothing below the command reads the system clock: {@code
 * wall} in nanoseconds (System::nanoTime at the command), {@code cpu} the process's CPU time in
 * nanoseconds (every thread: the JIT, the GC and RocksDB's background threads too), {@code gc} the
 * collectors' total collection time in milliseconds.
 */
record Meters(LongSupplier wall, LongSupplier cpu, LongSupplier gc) {}

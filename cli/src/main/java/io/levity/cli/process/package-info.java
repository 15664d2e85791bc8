/**
 * Processes the {@code levity} command starts: the command line that runs the CLI in a new JVM, a
 * watched child process (log file, ready line, clean stop or crash), short commands run to their
 * end, free loopback ports and scratch folders. Benchmarks and tests in the cli module use it, and
 * the acceptance tests too: it needs nothing but the JDK.
 */
package io.levity.cli.process;

/**
 * {@code levity storage}: run storage nodes (one, or a local network of them), and the client
 * commands that upload, download, check and repair a file. The client commands share their options
 * and their error handling through {@link io.levity.cli.storage.StorageClientOptions}; {@link
 * io.levity.cli.storage.StorageNodeProcess} runs a node as a child JVM for benchmarks and tests.
 */
package io.levity.cli.storage;

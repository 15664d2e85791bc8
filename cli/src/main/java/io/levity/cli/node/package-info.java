/**
 * {@code levity devnet}, {@code levity init} and {@code levity node}: a local chain of validators
 * in one process ({@link io.levity.cli.node.LocalDevnet} does the work, with the devnet's storage
 * network), and the files and processes of a network of separate nodes.
 */
package io.levity.cli.node;

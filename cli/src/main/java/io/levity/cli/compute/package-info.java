/**
 * {@code levity compute ...}: the inference marketplace from the command line: the provider ({@code
 * levity compute provider}), the user's verifying proxy and commands (deposit, ask, embed,
 * receipts, refund), docs/compute.md.
 */
package io.levity.cli.compute;

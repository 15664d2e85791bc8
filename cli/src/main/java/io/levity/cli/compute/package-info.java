/**
 * {@code levity compute ...}: the inference marketplace from the command line; so far the provider
 * ({@code levity compute provider}, docs/compute.md).
 */
package io.levity.cli.compute;

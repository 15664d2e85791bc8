/**
 * The files that describe a network of separate node processes ({@code levity init}, {@code levity
 * node}): genesis, node keys and per-node settings.
 */
package io.levity.node.config;

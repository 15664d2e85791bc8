/**
 * {@code levity da ...}: the data availability layer's commands (docs/da.md): a DA node, and the
 * client's submit, status, get, sample and verify, each with {@code --json}.
 */
package io.levity.cli.da;

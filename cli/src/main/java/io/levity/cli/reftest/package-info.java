/**
 * {@code levity reftest}: the command line over the conformance module, which runs the
 * ethereum/tests fixtures.
 */
package io.levity.cli.reftest;

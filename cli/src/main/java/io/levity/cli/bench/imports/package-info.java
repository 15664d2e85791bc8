/**
 * {@code levity bench import}: blocks built offline, then imported by one node the way a validator
 * does, end to end and stage by stage.
 */
package io.levity.cli.bench.imports;

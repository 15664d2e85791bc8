/**
 * The {@code levity} command (picocli): {@link io.levity.cli.Levity} composes one subcommand per
 * tool (devnet, init, node, storage, reftest, evm, sim, bench), and {@link
 * io.levity.cli.EnvironmentDefaults} lets {@code LEVITY_<OPTION>} environment variables supply
 * option defaults. The help text of every command and option is one resource bundle, {@code
 * io/levity/cli/help.properties}. Shared option groups live in {@code io.levity.cli.options},
 * child-process handling in {@code io.levity.cli.process}.
 */
package io.levity.cli;

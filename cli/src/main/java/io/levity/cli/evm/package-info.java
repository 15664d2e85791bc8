/**
 * {@code levity evm}: runs EVM bytecode with Levity's interpreter, optionally traced (EIP-3155).
 */
package io.levity.cli.evm;

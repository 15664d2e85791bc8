/**
 * Geth-format transaction tracing: the struct (opcode) logger, {@code callTracer} and {@code
 * prestateTracer}, their options and limits, and the replay that runs a transaction of a block
 * under the importer's block context.
 */
package io.levity.node.api.trace;

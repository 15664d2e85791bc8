/**
 * Tracing of EVM execution: a {@link io.levity.evm.trace.Tracer} sees each operation through a
 * read-only {@link io.levity.evm.trace.StepView}; {@link io.levity.evm.trace.Eip3155Tracer} writes
 * EIP-3155 JSON lines.
 */
package io.levity.evm.trace;

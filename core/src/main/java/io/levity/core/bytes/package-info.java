/**
 * Immutable byte values with checked sizes: {@link io.levity.core.bytes.Bytes}, the 32-byte {@link
 * io.levity.core.bytes.Bytes32}, the 20-byte {@link io.levity.core.bytes.Address} (EIP-55 checked
 * when parsed) and strict hex parsing. Every other module speaks in these types.
 */
package io.levity.core.bytes;

/** Unsigned 256-bit integers ({@link io.levity.core.num.UInt256}) for balances, values and fees. */
package io.levity.core.num;
